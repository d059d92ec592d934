import { prisma, executeWithRetry } from '../utils/prisma';

// Plain JavaScript, read with the JavaScript grammar: no type annotations to keep.
export async function listUsers(req, res) {
  const users = await executeWithRetry(() => prisma.user.findMany());
  return res.json(users);
}
