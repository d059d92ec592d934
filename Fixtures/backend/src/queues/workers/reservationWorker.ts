import { Worker, Job } from 'bullmq';
import IORedis from 'ioredis';
import { Prisma, ReservationStatus } from '@prisma/client';
import { prisma, executeWithRetry } from '../../utils/prisma';

interface ReservationJobData {
  branchId: number;
  lobbyReservationId: string;
  guestName: string;
  guestEmail?: string;
  checkInDate: string;
  checkOutDate: string;
  amount?: number;
  status?: string;
}

const connection = new IORedis(process.env.REDIS_URL || 'redis://localhost:6379', {
  maxRetriesPerRequest: null
});

const toStatus = (value?: string): ReservationStatus => {
  const normalized = (value || '').toLowerCase();
  return (Object.values(ReservationStatus) as string[]).includes(normalized)
    ? (normalized as ReservationStatus)
    : ReservationStatus.confirmed;
};

async function processReservation(job: Job<ReservationJobData>) {
  const data = job.data;
  const amount = data.amount !== undefined ? new Prisma.Decimal(data.amount) : undefined;

  const reservation = await prisma.reservation.upsert({
    where: { lobbyReservationId: data.lobbyReservationId },
    update: {
      guestName: data.guestName,
      guestEmail: data.guestEmail ?? null,
      checkInDate: new Date(data.checkInDate),
      checkOutDate: new Date(data.checkOutDate),
      status: toStatus(data.status),
      ...(amount ? { amount } : {})
    },
    create: {
      branchId: data.branchId,
      lobbyReservationId: data.lobbyReservationId,
      guestName: data.guestName,
      guestEmail: data.guestEmail ?? null,
      checkInDate: new Date(data.checkInDate),
      checkOutDate: new Date(data.checkOutDate),
      status: toStatus(data.status),
      amount: amount ?? new Prisma.Decimal(0)
    }
  });

  await job.updateProgress(100);
  return { reservationId: reservation.id };
}

// Nicht bestätigte Reservierungen nach dem Check-in-Datum automatisch stornieren
async function expireStaleReservations() {
  const { count } = await executeWithRetry(() =>
    prisma.reservation.updateMany({
      where: {
        status: ReservationStatus.pending,
        checkInDate: { lt: new Date() }
      },
      data: { status: ReservationStatus.cancelled }
    })
  );

  if (count > 0) {
    console.log(`[ReservationWorker] ${count} abgelaufene Reservierungen storniert`);
  }
}

export function startReservationWorker() {
  const worker = new Worker(
    'reservation-sync',
    async (job: Job<ReservationJobData>) => {
      if (job.name === 'expire-stale') {
        await expireStaleReservations();
        return { expired: true };
      }
      return processReservation(job);
    },
    { connection, concurrency: 5 }
  );

  worker.on('failed', (job, error) => {
    console.error(`[ReservationWorker] Job ${job?.id} fehlgeschlagen:`, error.message);
  });

  return worker;
}
