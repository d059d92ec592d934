import { Router } from 'express';
import { db } from '../lib/db';

export const orders = Router();

orders.get('/', async (req, res) => {
  const list = await db.order.findMany({ where: { customerId: Number(req.query.customer) } });
  res.json(list);
});

orders.post('/', async (req, res) => {
  const order = await db.$transaction(async (tx) => {
    const created = await tx.order.create({ data: { customerId: req.body.customerId } });
    await tx.stock.update({ where: { productId: req.body.productId }, data: { count: { decrement: 1 } } });
    return created;
  });
  res.status(201).json(order);
});
