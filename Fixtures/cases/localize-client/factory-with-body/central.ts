import { PrismaClient } from '@prisma/client';

function createClient() {
  const client = new PrismaClient();
  client.$on('query', (event) => console.log(event.query));
  return client;
}

export const prisma = createClient();
