#!/usr/bin/env -S npx tsx
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

await prisma.user.deleteMany();
