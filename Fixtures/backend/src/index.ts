import 'dotenv/config';
import express, { NextFunction, Request, Response } from 'express';
import cors from 'cors';
import { prisma } from './utils/prisma';
import apiRoutes from './routes/api';
import healthRoutes from './routes/health';
import { startReservationWorker } from './queues/workers/reservationWorker';
import { startEmailWorker } from './queues/workers/emailWorker';

const app = express();
const PORT = Number(process.env.PORT) || 5000;
const allowedOrigins = (process.env.FRONTEND_URL || 'http://localhost:3000').split(',');

app.use(cors({ origin: allowedOrigins, credentials: true }));
app.use(express.json({ limit: '10mb' }));
app.use(express.urlencoded({ extended: true }));

app.use('/health', healthRoutes);
app.use('/api', apiRoutes);

// Zentrale Fehlerbehandlung
app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  console.error('Unbehandelter Fehler:', err);
  res.status(500).json({ message: 'Interner Serverfehler' });
});

const server = app.listen(PORT, async () => {
  console.log(`Server läuft auf Port ${PORT}`);
  try {
    await prisma.$connect();
    console.log('Datenbankverbindung hergestellt');
  } catch (error) {
    console.error('Datenbankverbindung fehlgeschlagen:', error);
  }
});

const workers = [startReservationWorker(), startEmailWorker()];

let shuttingDown = false;

const gracefulShutdown = async (signal: string) => {
  if (shuttingDown) {
    return;
  }
  shuttingDown = true;
  console.log(`${signal} empfangen - fahre Server herunter...`);

  server.close(async () => {
    try {
      await Promise.all(workers.map((worker) => worker.close()));
      await prisma.$disconnect();
      console.log('Prisma-Verbindung geschlossen');
      process.exit(0);
    } catch (error) {
      console.error('Fehler beim Herunterfahren:', error);
      process.exit(1);
    }
  });

  // Notbremse, falls offene Verbindungen das Schließen blockieren
  setTimeout(() => process.exit(1), 10000).unref();
};

process.on('SIGTERM', () => gracefulShutdown('SIGTERM'));
process.on('SIGINT', () => gracefulShutdown('SIGINT'));
