import { PrismaClient } from '@prisma/client';
import { executeWithRetry } from '../utils/prisma';

export class Store {
  static client = new PrismaClient();

  static products() {
    return executeWithRetry(() => Store.client.product.findMany());
  }

  static count() {
    return executeWithRetry(() => this.client.product.count());
  }
}
