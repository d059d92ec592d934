import { prisma, executeWithRetry } from '#app/utils/index.ts'

export function getNote(id: string) {
  return executeWithRetry(() =>
    prisma.note.findFirst({
      select: { id: true, title: true, body: true },
      where: { id },
    })
  )
}

export function getNoteListItems(userId: string) {
  return executeWithRetry(() => prisma.note.findMany({ where: { userId }, orderBy: { updatedAt: 'desc' } }))
}

export function createNote(title: string, body: string, userId: string) {
  return prisma.note.create({ data: { title, body, userId } })
}
