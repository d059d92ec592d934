import express from 'express';
import { prisma } from './utils/prisma';

const app = express();
app.locals.db = prisma;

import { router } from './routes';

app.use(router);
export default app;
