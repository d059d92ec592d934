import { PrismaClient } from '@prisma/client';
import { prisma } from '../utils/prisma';

export function scoped(client: PrismaClient = prisma) {
  return client.tour.findMany();
}
