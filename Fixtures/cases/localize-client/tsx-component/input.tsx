import React from 'react';
import { prisma } from '../utils/prisma';

export async function UserList() {
  const users = await prisma.user.findMany();
  return <ul>{users.map((u) => <li key={u.id}>{u.name}</li>)}</ul>;
}
