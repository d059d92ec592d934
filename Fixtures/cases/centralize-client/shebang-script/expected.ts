#!/usr/bin/env ts-node
import { prisma } from '../src/utils/prisma';
const { PrismaClient } = require('@prisma/client');

async function main() {
  console.log(await prisma.user.count());
}
main();
