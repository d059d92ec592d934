import { Request, Response } from 'express';
import winston from 'winston';
import { Prisma, TourBookingStatus } from '@prisma/client';
import { prisma } from '../utils/prisma';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

const isValidStatus = (value: unknown): value is TourBookingStatus =>
  typeof value === 'string' && (Object.values(TourBookingStatus) as string[]).includes(value);

/**
 * Returns all tour bookings
 * GET /api/tour-bookings
 */
export const getAllTourBookings = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { status, search } = req.query;

    const where: Prisma.TourBookingWhereInput = {
      organizationId,
      ...(isValidStatus(status) ? { status } : {}),
      ...(search ? { customerName: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const bookings = await prisma.tourBooking.findMany({
      where,
      select: {
        id: true,
        customerName: true,
        customerEmail: true,
        numberOfParticipants: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(bookings);
  } catch (error) {
    logger.error(`getAllTourBookings failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Error loading tour bookings', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

/**
 * GET /api/tour-bookings/paginated
 */
export const getTourBookingsPaginated = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { organizationId };

    const [bookings, total] = await Promise.all([
      prisma.tourBooking.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.tourBooking.count({ where })
    ]);

    res.json({
      data: bookings,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    logger.error(`getTourBookingsPaginated failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Error loading tour bookings', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

// DELETE /api/tour-bookings/:id
export const deleteTourBooking = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.tourBooking.findFirst({ where: { id, organizationId } });
    if (!existing) {
      return res.status(404).json({ message: 'Tour booking not found' });
    }

    await prisma.tourBooking.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    logger.error(`deleteTourBooking failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not delete tour booking', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

/**
 * GET /api/tour-bookings/count
 */
export const countTourBookings = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.tourBooking.count({
      where: { organizationId }
    });
    res.json({ total });
  } catch (error) {
    logger.error(`countTourBookings failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Error loading tour bookings', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

export const bulkUpdateTourBookings = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { ids, status } = req.body as { ids: number[]; status: string };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'No IDs provided' });
    }

    const result = await prisma.tourBooking.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { status }
    });

    res.json({ updated: result.count });
  } catch (error) {
    logger.error(`bulkUpdateTourBookings failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not update tour booking', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

/**
 * POST /api/tour-bookings/:id/cancel
 * Storniert eine Buchung und protokolliert die Stornierung
 */
export const cancelBooking = async (req: Request, res: Response) => {
  try {
    const bookingId = parseInt(req.params.id, 10);
    const reason = String(req.body.reason ?? '').slice(0, 500);

    const booking = await prisma.tourBooking.findFirst({
      where: { id: bookingId, organizationId: req.organizationId },
      select: { id: true, status: true }
    });

    if (!booking) {
      return res.status(404).json({ message: 'Buchung nicht gefunden' });
    }

    if (booking.status === TourBookingStatus.cancelled) {
      return res.status(409).json({ message: 'Buchung ist bereits storniert' });
    }

    const [cancelled] = await prisma.$transaction([
      prisma.tourBooking.update({
        where: { id: bookingId },
        data: { status: TourBookingStatus.cancelled, cancelledAt: new Date(), cancelReason: reason }
      }),
      prisma.auditLog.create({
        data: {
          userId: Number(req.userId),
          action: 'tour_booking_cancelled',
          entityType: 'TourBooking',
          entityId: bookingId,
          details: { reason }
        }
      })
    ]);

    res.json(cancelled);
  } catch (error) {
    console.error('Error in cancelBooking:', error);
    res.status(500).json({ message: 'Stornierung fehlgeschlagen' });
  }
};
