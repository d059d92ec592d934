import { PrismaClient } from '@prisma/client';

export class Store {
  static client = new PrismaClient();

  static products() {
    return Store.client.product.findMany();
  }

  static count() {
    return this.client.product.count();
  }
}
