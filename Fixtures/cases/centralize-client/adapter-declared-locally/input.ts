import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';

const adapter = new PrismaPg({ connectionString: process.env.REPLICA_URL });
const prisma = new PrismaClient({ adapter });

export const all = () => prisma.user.findMany();
