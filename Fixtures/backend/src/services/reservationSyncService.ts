import { prisma } from '../utils/prisma';
import axios from 'axios';

export interface ReservationSyncInput {
  id?: number;
  guestName: string;
  guestEmail: string;
}

/**
 * Synchronisiert Reservierungen
 * Wird u.a. vom Scheduler aufgerufen.
 */
export const syncReservations = async (branchId: number, items: ReservationSyncInput[]): Promise<number> => {
  let synced = 0;

  for (const item of items) {
    await prisma.reservation.upsert({
      where: { id: item.id ?? 0 },
      update: {
        guestName: item.guestName,
        guestEmail: item.guestEmail
      },
      create: {
        guestName: item.guestName,
        guestEmail: item.guestEmail,
        branchId
      }
    });
    synced += 1;
  }

  return synced;
};

interface LobbyReservation {
  id: string;
  guest_name: string;
  guest_email?: string;
  check_in: string;
  check_out: string;
  status: string;
}

const lobbyClient = axios.create({
  baseURL: process.env.LOBBY_PMS_URL || 'https://api.lobbypms.com/api/v1',
  timeout: 15000
});

/**
 * Holt Reservierungen der nächsten Tage aus LobbyPMS und gleicht sie mit der DB ab.
 */
export async function syncReservationsForBranch(branchId: number, apiKey: string, days = 7) {
  const from = new Date();
  const to = new Date(Date.now() + days * 24 * 60 * 60 * 1000);

  const { data } = await lobbyClient.get('/reservations', {
    headers: { Authorization: `Bearer ${apiKey}` },
    params: { start_date: from.toISOString().slice(0, 10), end_date: to.toISOString().slice(0, 10) }
  });

  const reservations = (data?.data ?? []) as LobbyReservation[];
  let changed = 0;

  for (const item of reservations) {
    const existing = await prisma.reservation.findFirst({
      where: { branchId, lobbyReservationId: item.id },
      select: { id: true, status: true }
    });

    if (existing && existing.status === item.status) {
      continue;
    }

    await prisma.reservation.upsert({
      where: { lobbyReservationId: item.id },
      update: { status: item.status },
      create: {
        branchId,
        lobbyReservationId: item.id,
        guestName: item.guest_name,
        guestEmail: item.guest_email ?? null,
        checkInDate: new Date(item.check_in),
        checkOutDate: new Date(item.check_out),
        status: item.status
      }
    });
    changed++;
  }

  return { fetched: reservations.length, changed };
}

/**
 * Setzt den Status
 * Wird u.a. vom Scheduler aufgerufen.
 */
export const setReservationStatus = async (id: number, status: string) => {
  return prisma.reservation.update({
    where: { id },
    data: { status }
  });
};
