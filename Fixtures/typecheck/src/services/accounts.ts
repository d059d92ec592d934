import { PrismaClient, Prisma } from '@prisma/client';
import { executeWithRetry } from '../utils/prisma';

/** A stand-in for NestJS's decorator: the class shape is what matters here. */
function Injectable(): ClassDecorator {
  return () => undefined;
}

@Injectable()
export class AccountsService {
  constructor(private readonly prisma: PrismaClient) {}

  async list() {
    return await executeWithRetry(() => this.prisma.user.findMany());
  }

  async rename(id: number, name: string) {
    const db = this.prisma;
    return await db.user.update({ where: { id }, data: { name } });
  }

  async latestIds() {
    return await executeWithRetry(() => this.prisma.$queryRaw<{ id: number }[]>`SELECT id FROM "User" ORDER BY id DESC LIMIT 10`);
  }

  async stamp(id: number) {
    return await this.prisma.$queryRaw`UPDATE "User" SET "seenAt" = now() WHERE id = ${id} RETURNING id`;
  }

  async counts() {
    return await this.prisma.$transaction([this.prisma.user.count(), this.prisma.post.count()]);
  }

  async audit(text: string, tx?: Prisma.TransactionClient) {
    const db = tx ?? this.prisma;
    // prisma-codemod-ignore-next-line write-without-retry -- the audit log is best effort
    await db.notification.create({ data: { userId: 0, text } });
  }
}
