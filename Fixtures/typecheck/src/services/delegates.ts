import { prisma } from '../utils/prisma';

// A top-level use before a later import: a local client must be declared above it.
export const users = prisma.user;

import { formatName } from './format';

export async function displayName(id: number) {
  const user = await users.findUnique({ where: { id } });
  return user ? formatName(user.name) : null;
}
