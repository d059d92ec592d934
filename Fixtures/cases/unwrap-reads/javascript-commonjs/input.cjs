'use strict';
// CommonJS: the retry helper's require is left in place (only ES imports are pruned).
const { PrismaClient } = require('@prisma/client');
const { executeWithRetry } = require('../utils/retry');

const prisma = new PrismaClient();

async function listUsers(req, res) {
  const users = await executeWithRetry(() => prisma.user.findMany());
  res.json(users);
}

module.exports = { listUsers };
