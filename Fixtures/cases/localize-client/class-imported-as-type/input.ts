import { PrismaClient } from '@prisma/client';
import { prisma } from '../utils/prisma';

export function withClient(client: PrismaClient = prisma) {
  return client.user.count();
}
