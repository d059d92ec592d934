import { PrismaClient } from '@prisma/client';
import { audit } from '../services/audit.js';
const prisma = new PrismaClient();

export const purge = () => prisma.document.deleteMany().then(audit);
