import { client, executeWithRetry } from '@billing/db/client.js';

export async function openInvoices(customerId: number) {
  const invoices = await executeWithRetry(() =>
    client.invoice.findMany({
      where: { customerId, paidAt: null },
    })
  );
  return invoices;
}

export async function markPaid(id: number) {
  return executeWithRetry(() => client.invoice.update({ where: { id }, data: { paidAt: new Date() } }));
}
