import { Router } from "express"
import { prisma } from "../utils/prisma"

const router = Router()
router.get("/", async (_req, res) => {
  res.json(await prisma.task.findMany())
})

export default router
