import { client } from '../db/client.js';

export async function totals() {
  return client.invoice.aggregate({ _sum: { amount: true } });
}
