#!/usr/bin/env node
import { PrismaClient } from '@prisma/client';
import { executeWithRetry } from '../src/utils/prisma';
const prisma = new PrismaClient();
executeWithRetry(() => prisma.user.count()).then(console.log);
