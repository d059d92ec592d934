// A component that (wrongly) reaches for the client.
'use client';
import { prisma } from '@/lib/prisma';

export function Count() {
  return <span>{String(prisma)}</span>;
}
