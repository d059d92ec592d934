// The server utilities, in one place.
export * from './db.server.ts'
// export * from './legacy-db.server.ts'
