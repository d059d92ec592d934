import { Job } from 'bullmq';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function processReservation(job: Job<{ id: number }>) {
  await prisma.reservation.update({ where: { id: job.data.id }, data: { processed: true } });
}
