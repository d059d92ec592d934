import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

export async function searchRooms(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      res.json([]);
      return;
    }

    const results = await prisma.room.findMany({
      where: {
        branchId,
        OR: [
          { name: { contains: term, mode: 'insensitive' } },
          { type: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, name: true, type: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[RoomController] searchRooms:', message);
    res.status(500).json({ message: 'Error loading rooms', details: message });
  }
}

/**
 * Returns all rooms
 * GET /api/rooms
 */
export async function getAllRooms(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const { search } = req.query;

    const where: Record<string, unknown> = {
      branchId,
      ...(search ? { name: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const rooms = await prisma.room.findMany({
      where,
      orderBy: { name: 'asc' }
    });

    res.json(rooms);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[RoomController] getAllRooms:', message);
    res.status(500).json({ message: 'Error loading rooms', details: message });
  }
}

/**
 * PUT /api/rooms/:id
 */
export async function updateRoom(req: Request, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Invalid ID' });
      return;
    }

    const branchId = Number(req.branchId);
    const existing = await prisma.room.findFirst({ where: { id, branchId } });
    if (!existing) {
      res.status(404).json({ message: 'Room not found' });
      return;
    }

    const { name, type } = req.body;
    const updated = await prisma.room.update({
      where: { id },
      data: {
        ...(name !== undefined && { name }),
        ...(type !== undefined && { type })
      }
    });

    res.json(updated);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[RoomController] updateRoom:', message);
    res.status(500).json({ message: 'Could not update room', details: message });
  }
}

// GET /api/rooms/paginated
export async function getRoomsPaginated(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { branchId };

    const [rooms, total] = await Promise.all([
      prisma.room.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { name: 'asc' }
      }),
      prisma.room.count({ where })
    ]);

    res.json({
      data: rooms,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[RoomController] getRoomsPaginated:', message);
    res.status(500).json({ message: 'Error loading rooms', details: message });
  }
}

export async function deleteRooms(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      res.status(400).json({ message: 'No IDs provided' });
      return;
    }

    const { count } = await prisma.room.deleteMany({
      where: { id: { in: ids }, branchId }
    });

    res.json({ deleted: count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[RoomController] deleteRooms:', message);
    res.status(500).json({ message: 'Could not delete room', details: message });
  }
}

/**
 * GET /api/rooms/export
 */
export async function exportRoomsCsv(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const rows = await prisma.room.findMany({
      where: { branchId },
      orderBy: { name: 'asc' }
    });

    const header = ['id', 'name', 'type', 'capacity'].join(';');
    const lines = rows.map((row) => `${row.id};${row.name ?? ''};${row.type ?? ''};${row.capacity ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="rooms-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[RoomController] exportRoomsCsv:', message);
    res.status(500).json({ message: 'Export failed', details: message });
  }
}
