#!/usr/bin/env -S npx tsx
import { prisma } from '../src/utils/prisma';

await prisma.user.deleteMany();
