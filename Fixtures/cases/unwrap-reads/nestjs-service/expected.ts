import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { executeWithRetry } from '../utils/prisma';

@Injectable()
export class UsersService {
  constructor(private readonly prisma: PrismaService) {}

  findAll() {
    return this.prisma.user.findMany({ orderBy: { id: 'asc' } });
  }

  async findOne(id: number) {
    const user = await this.prisma.user.findUnique({ where: { id } });
    return user;
  }

  create(name: string) {
    return executeWithRetry(() => this.prisma.user.create({ data: { name } }));
  }
}
