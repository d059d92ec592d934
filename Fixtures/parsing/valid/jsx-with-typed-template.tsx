// A server component: a typed tagged template and JSX with `&` in one file.
import React from 'react';
import { prisma } from './prisma';

export const id = <T,>(x: T) => x;
export const id2 = <T extends unknown>(x: T) => x;

export async function Report() {
  const rows = await prisma.$queryRaw<{ day: Date; total: number }[]>`SELECT day, total FROM report`;
  return (
    <table title="Sales & returns">
      {rows.map((row) => (
        <tr key={row.day.toISOString()}>
          <td>{row.day.toDateString()} & more</td>
          <td>{`${row.total}`}</td>
        </tr>
      ))}
    </table>
  );
}
