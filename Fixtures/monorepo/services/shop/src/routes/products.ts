import { Router } from 'express';
import { db } from '../lib/db';
import { withRetry } from '../lib/retry';

export const products = Router();

products.get('/', async (_req, res) => {
  const items = await withRetry(() =>
    db.product.findMany({
      where: { archived: false },
      orderBy: { name: 'asc' },
    })
  );
  res.json(items);
});

products.get('/:id', async (req, res) => {
  const item = await withRetry(() => db.product.findUnique({ where: { id: Number(req.params.id) } }));
  if (!item) return res.status(404).end();
  res.json(item);
});

products.post('/', async (req, res) => {
  const created = await withRetry(() => db.product.create({ data: req.body }));
  res.status(201).json(created);
});
