import prisma from '@/lib/prisma'
import { formatTitle } from '@/lib/format'

export default async function Page() {
  const posts = await prisma.post.findMany({ cacheStrategy: { swr: 60 } })
  return posts.map((post) => formatTitle(post.title)).join(', ')
}
