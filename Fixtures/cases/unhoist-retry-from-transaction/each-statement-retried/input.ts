import { prisma, executeWithRetry } from "../utils/prisma"

export async function transfer(from: number, to: number, amount: number) {
  const [debit, credit] = await executeWithRetry(() =>
    prisma.$transaction(async (tx) => {
      const debit = await tx.account.update({
        where: { id: from },
        data: { balance: { decrement: amount } },
      })
      const credit = await tx.account.update({ where: { id: to }, data: { balance: { increment: amount } } })
      const audit = () => tx.audit.create({ data: { from, to, amount } })
      void audit
      return [debit, credit]
    })
  )
  return { debit, credit }
}
