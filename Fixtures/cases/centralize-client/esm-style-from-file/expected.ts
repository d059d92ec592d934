import { prisma } from '../utils/prisma.js';
import { audit } from '../services/audit.js';

export const purge = () => prisma.document.deleteMany().then(audit);
