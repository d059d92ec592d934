import React from 'react';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function UserList() {
  const users = await prisma.user.findMany();
  return <ul>{users.map((u) => <li key={u.id}>{u.name}</li>)}</ul>;
}
