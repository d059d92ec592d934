import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { getNoteListItems } from '#app/models/note.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = new URL(request.url).searchParams.get('user') ?? ''
  return json({ notes: await getNoteListItems(userId) })
}

export default function Notes() {
  const { notes } = useLoaderData<typeof loader>()
  return (
    <ul>
      {notes.map((note) => (
        <li key={note.id}>{note.title}</li>
      ))}
    </ul>
  )
}
