import { Request, Response } from 'express';
import winston from 'winston';
import { Prisma, ReservationStatus } from '@prisma/client';
import { prisma } from '../utils/prisma';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

const isValidStatus = (value: unknown): value is ReservationStatus =>
  typeof value === 'string' && (Object.values(ReservationStatus) as string[]).includes(value);

// GET /api/reservations
export const getAllReservations = async (req: Request, res: Response) => {
  try {
    const branchId = Number(req.branchId);
    const { status, search } = req.query;

    const where: Prisma.ReservationWhereInput = {
      branchId,
      ...(isValidStatus(status) ? { status } : {}),
      ...(search ? { guestName: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const reservations = await prisma.reservation.findMany({
      where,
      select: {
        id: true,
        guestName: true,
        guestEmail: true,
        checkInDate: true,
        checkOutDate: true,
        status: true
      },
      orderBy: { checkInDate: 'asc' }
    });

    res.json(reservations);
  } catch (error) {
    logger.error(`getAllReservations failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Reservierungen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * GET /api/reservations/:id
 */
export const getReservationById = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const branchId = Number(req.branchId);
    const reservation = await prisma.reservation.findFirst({
      where: { id, branchId }
    });

    if (!reservation) {
      return res.status(404).json({ message: 'Reservierung nicht gefunden' });
    }

    res.json(reservation);
  } catch (error) {
    logger.error(`getReservationById failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Reservierungen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

// DELETE /api/rooms/:id
export const deleteRoom = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const branchId = Number(req.branchId);
    const existing = await prisma.room.findFirst({ where: { id, branchId } });
    if (!existing) {
      return res.status(404).json({ message: 'Zimmer nicht gefunden' });
    }

    await prisma.room.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    logger.error(`deleteRoom failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Zimmer konnte nicht gelöscht werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * GET /api/rooms
 */
export const getAllRooms = async (req: Request, res: Response) => {
  try {
    const branchId = Number(req.branchId);
    const { search } = req.query;

    const where: Prisma.RoomWhereInput = {
      branchId,
      ...(search ? { name: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const rooms = await prisma.room.findMany({
      where,
      select: {
        id: true,
        name: true,
        type: true
      },
      orderBy: { name: 'asc' }
    });

    res.json(rooms);
  } catch (error) {
    logger.error(`getAllRooms failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Zimmer', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const bulkUpdateRooms = async (req: Request, res: Response) => {
  try {
    const branchId = Number(req.branchId);
    const { ids, isActive } = req.body as { ids: number[]; isActive: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.room.updateMany({
      where: { id: { in: ids }, branchId },
      data: { isActive }
    });

    res.json({ updated: result.count });
  } catch (error) {
    logger.error(`bulkUpdateRooms failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Zimmer konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const exportReservationsCsv = async (req: Request, res: Response) => {
  try {
    const branchId = Number(req.branchId);
    const rows = await prisma.reservation.findMany({
      where: { branchId },
      orderBy: { checkInDate: 'asc' }
    });

    const header = ['id', 'guestName', 'guestEmail', 'checkInDate', 'checkOutDate'].join(';');
    const lines = rows.map((row) => `${row.id};${row.guestName ?? ''};${row.guestEmail ?? ''};${row.checkInDate ?? ''};${row.checkOutDate ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="reservations-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    logger.error(`exportReservationsCsv failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Export fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Reservierung aktualisieren
 * PUT /api/reservations/:id
 */
export const updateReservation = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const branchId = Number(req.branchId);
    const existing = await prisma.reservation.findFirst({ where: { id, branchId } });
    if (!existing) {
      return res.status(404).json({ message: 'Reservierung nicht gefunden' });
    }

    const { guestName, guestEmail, checkInDate, checkOutDate, status } = req.body;
    const updated = await prisma.reservation.update({
      where: { id },
      data: {
        ...(guestName !== undefined && { guestName }),
        ...(guestEmail !== undefined && { guestEmail }),
        ...(checkInDate !== undefined && { checkInDate: checkInDate ? new Date(checkInDate) : null }),
        ...(checkOutDate !== undefined && { checkOutDate: checkOutDate ? new Date(checkOutDate) : null }),
        ...(status !== undefined && { status })
      }
    });

    res.json(updated);
  } catch (error) {
    logger.error(`updateReservation failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Reservierung konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const countReservations = async (req: Request, res: Response) => {
  try {
    const branchId = Number(req.branchId);
    const total = await prisma.reservation.count({
      where: { branchId }
    });
    res.json({ total });
  } catch (error) {
    logger.error(`countReservations failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Reservierungen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};
