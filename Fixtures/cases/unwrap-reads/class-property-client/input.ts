import { PrismaClient } from '@prisma/client';
import { executeWithRetry } from '../utils/prisma';

export class TaskService {
  constructor(private readonly prisma: PrismaClient) {}

  open() {
    return executeWithRetry(() => this.prisma.task.findMany({ where: { done: false } }));
  }
}
