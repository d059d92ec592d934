import { prisma } from '../utils/prisma';

export const run = (process: { id: number }) => prisma.job.update({ where: { id: process.id }, data: { done: true } });
