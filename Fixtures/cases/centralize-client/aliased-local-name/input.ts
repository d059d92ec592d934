import { PrismaClient } from '@prisma/client';
const db = new PrismaClient();

export const clients = () => db.client.findMany();
