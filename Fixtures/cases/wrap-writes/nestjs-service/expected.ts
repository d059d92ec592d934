import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { executeWithRetry } from '../utils/prisma';

@Injectable()
export class UsersService {
  constructor(private readonly prisma: PrismaService) {}

  async rename(id: number, name: string) {
    return executeWithRetry(() => this.prisma.user.update({ where: { id }, data: { name } }));
  }

  findAll() {
    return this.prisma.user.findMany();
  }
}
