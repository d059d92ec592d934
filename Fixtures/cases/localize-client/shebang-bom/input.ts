#!/usr/bin/env node
import { prisma, executeWithRetry } from '../src/utils/prisma';
executeWithRetry(() => prisma.user.count()).then(console.log);
