import { prisma } from '../utils/prisma';

// Plain JavaScript, read with the JavaScript grammar: no type annotations to keep.
export async function listUsers(req, res) {
  const users = await prisma.user.findMany();
  return res.json(users);
}
