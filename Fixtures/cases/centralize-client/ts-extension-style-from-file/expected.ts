import { prisma } from '../utils/prisma.ts';
import { slugify } from '../utils/slugify.ts';

export const findBySlug = (title: string) => prisma.post.findFirst({ where: { slug: slugify(title) } });
