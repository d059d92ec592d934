import { Router } from "express"
import { PrismaClient } from "@prisma/client"
const prisma = new PrismaClient()

const router = Router()
router.get("/", async (_req, res) => {
  res.json(await prisma.task.findMany())
})

export default router
