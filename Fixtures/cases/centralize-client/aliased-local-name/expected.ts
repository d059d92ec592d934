import { prisma as db } from '../utils/prisma';

export const clients = () => db.client.findMany();
