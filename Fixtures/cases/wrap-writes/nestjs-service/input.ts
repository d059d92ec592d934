import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class UsersService {
  constructor(private readonly prisma: PrismaService) {}

  async rename(id: number, name: string) {
    return this.prisma.user.update({ where: { id }, data: { name } });
  }

  findAll() {
    return this.prisma.user.findMany();
  }
}
