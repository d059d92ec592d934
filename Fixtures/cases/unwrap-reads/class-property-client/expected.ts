import { PrismaClient } from '@prisma/client';

export class TaskService {
  constructor(private readonly prisma: PrismaClient) {}

  open() {
    return this.prisma.task.findMany({ where: { done: false } });
  }
}
