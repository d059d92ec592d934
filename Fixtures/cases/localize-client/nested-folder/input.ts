import { Job } from 'bullmq';
import { prisma } from '../../utils/prisma';

export async function processReservation(job: Job<{ id: number }>) {
  await prisma.reservation.update({ where: { id: job.data.id }, data: { processed: true } });
}
