import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

interface AuthenticatedRequest extends Request {
  userId?: string;
  roleId?: string;
  organizationId?: number;
  branchId?: number;
}

export async function saveTableSettings(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const { tableId, columnOrder, hiddenColumns } = req.body;

    const tableSettings = await prisma.tableSettings.upsert({
      where: { userId_tableId: { userId, tableId } },
      update: {
        ...(columnOrder !== undefined && { columnOrder }),
        ...(hiddenColumns !== undefined && { hiddenColumns })
      },
      create: {
        userId,
        tableId,
        columnOrder,
        hiddenColumns
      }
    });

    res.json(tableSettings);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[TableSettingsController] saveTableSettings:', message);
    res.status(500).json({ message: 'Tabelleneinstellung konnte nicht gespeichert werden', details: message });
  }
}
