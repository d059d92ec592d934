import { prisma } from '../utils/prisma';
import fs from 'fs/promises';
import path from 'path';

export interface DocumentSyncInput {
  id?: number;
  title: string;
  documentType: string;
  fileName: string;
}

/**
 * Synchronisiert Dokumente
 */
export const syncDocuments = async (userId: number, items: DocumentSyncInput[]): Promise<number> => {
  let synced = 0;

  for (const item of items) {
    await prisma.document.upsert({
      where: { id: item.id ?? 0 },
      update: {
        title: item.title,
        documentType: item.documentType,
        fileName: item.fileName
      },
      create: {
        title: item.title,
        documentType: item.documentType,
        fileName: item.fileName,
        userId
      }
    });
    synced += 1;
  }

  return synced;
};

/**
 * Entfernt alte Dokumente
 */
export const cleanupOldDocuments = async (olderThanDays = 90): Promise<number> => {
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - olderThanDays);

  const { count } = await prisma.document.deleteMany({
    where: { createdAt: { lt: cutoff } }
  });

  if (count > 0) {
    console.log(`[DocumentService] ${count} alte Einträge entfernt (document)`);
  }
  return count;
};

/**
 * Ausweisdokument per ID oder Fehler
 */
export const findIdentificationDocumentOrThrow = async (id: number) => {
  const idDocument = await prisma.identificationDocument.findUnique({ where: { id } });
  if (!idDocument) {
    throw new Error(`IdentificationDocument ${id} nicht gefunden`);
  }
  return idDocument;
};

/**
 * Lädt Dokumente
 * Wird u.a. vom Scheduler aufgerufen.
 */
export const getDocumentsForUser = async (userId: number, limit = 50) => {
  return prisma.document.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take: limit
  });
};

const UPLOAD_DIR = process.env.UPLOAD_DIR || path.join(process.cwd(), 'uploads', 'documents');

export async function storeDocumentFile(userId: number, originalName: string, content: Buffer, documentType: string) {
  await fs.mkdir(UPLOAD_DIR, { recursive: true });

  const safeName = originalName.replace(/[^a-zA-Z0-9._-]/g, '_');
  const fileName = `${userId}-${Date.now()}-${safeName}`;
  const filePath = path.join(UPLOAD_DIR, fileName);

  await fs.writeFile(filePath, content);

  return prisma.document.create({
    data: {
      userId,
      title: originalName,
      documentType,
      fileName,
      filePath
    }
  });
}

export async function removeDocumentFile(documentId: number) {
  const document = await prisma.document.delete({ where: { id: documentId } });
  await fs.unlink(document.filePath).catch(() => undefined);
  return document;
}
