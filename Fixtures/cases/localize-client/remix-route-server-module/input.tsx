import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { prisma } from '~/db.server';

export const loader = async () => json(await prisma.note.findMany());

export default function Notes() {
  const notes = useLoaderData<typeof loader>();
  return <ul>{notes.map((note) => <li key={note.id}>{note.title}</li>)}</ul>;
}
