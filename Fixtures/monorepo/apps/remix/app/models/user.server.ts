import { prisma } from '#app/utils/db.server.ts'
import { executeWithRetry } from '#app/utils/retry.server.ts'

export async function getUserById(id: string) {
  return executeWithRetry(() => prisma.user.findUnique({ where: { id } }))
}

export async function deleteUserByEmail(email: string) {
  return prisma.user.delete({ where: { email } })
}
