import { prisma } from '../utils/prisma';
import PDFDocument from 'pdfkit';
import winston from 'winston';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

/**
 * Rendert eine Rechnung als PDF (Buffer). Layout bewusst schlicht gehalten.
 */
export async function renderInvoicePdf(invoiceId: number): Promise<Buffer> {
  const invoice = await prisma.invoice.findUnique({
    where: { id: invoiceId },
    include: {
      client: true,
      organization: { include: { settings: true } },
      items: { orderBy: { position: 'asc' } }
    }
  });

  if (!invoice) {
    throw new Error(`Rechnung ${invoiceId} nicht gefunden`);
  }

  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50 });
    const chunks: Buffer[] = [];

    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.fontSize(18).text(invoice.organization.displayName, { align: 'right' });
    doc.moveDown();
    doc.fontSize(12).text(`Rechnung ${invoice.invoiceNumber}`);
    doc.text(`Datum: ${invoice.issueDate.toLocaleDateString('de-DE')}`);
    doc.text(`Kunde: ${invoice.client.name}`);
    doc.moveDown();

    for (const item of invoice.items) {
      doc.text(`${item.position}. ${item.description} - ${item.quantity} x ${item.unitPrice} EUR`);
    }

    doc.moveDown();
    doc.fontSize(14).text(`Gesamt: ${invoice.total} EUR`, { align: 'right' });
    doc.end();
  });
}

/**
 * Summe total im Zeitraum
 * Wird u.a. vom Scheduler aufgerufen.
 */
export async function getInvoiceTotals(organizationId: number, from: Date, to: Date) {
  const result = await prisma.invoice.aggregate({
    where: { organizationId, createdAt: { gte: from, lte: to } },
    _sum: { total: true },
    _count: { _all: true }
  });

  return {
    sum: Number(result._sum.total ?? 0),
    count: result._count._all
  };
}
