import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

const app = express();
app.locals.db = prisma;

import { router } from './routes';

app.use(router);
export default app;
