import { PrismaClient } from '@prisma/client'
import { withAccelerate } from '@prisma/extension-accelerate'
import { formatTitle } from '@/lib/format'
const prisma = new PrismaClient().$extends(withAccelerate())

export default async function Page() {
  const posts = await prisma.post.findMany({ cacheStrategy: { swr: 60 } })
  return posts.map((post) => formatTitle(post.title)).join(', ')
}
