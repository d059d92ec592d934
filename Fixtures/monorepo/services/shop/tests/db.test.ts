import { PrismaClient } from '@prisma/client';
import { afterAll, expect, it } from 'vitest';

// The tests talk to their own database through their own client.
const prisma = new PrismaClient({ datasources: { db: { url: process.env.TEST_DATABASE_URL } } });

afterAll(() => prisma.$disconnect());

it('lists products', async () => {
  const products = await prisma.product.findMany();
  expect(Array.isArray(products)).toBe(true);
});
