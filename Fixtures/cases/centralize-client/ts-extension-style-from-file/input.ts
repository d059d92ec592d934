import { PrismaClient } from '@prisma/client';
import { slugify } from '../utils/slugify.ts';
const prisma = new PrismaClient();

export const findBySlug = (title: string) => prisma.post.findFirst({ where: { slug: slugify(title) } });
