import { Worker, Job } from 'bullmq';
import IORedis from 'ioredis';
import nodemailer from 'nodemailer';
import { prisma } from '../../utils/prisma';

interface EmailJobData {
  to: string;
  templateName: string;
  organizationId: number;
  variables: Record<string, string>;
  userId?: number;
}

const connection = new IORedis(process.env.REDIS_URL || 'redis://localhost:6379', {
  maxRetriesPerRequest: null
});

const transporter = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT) || 587,
  secure: process.env.SMTP_SECURE === 'true',
  auth: {
    user: process.env.SMTP_USER,
    pass: process.env.SMTP_PASS
  }
});

// Ersetzt {{platzhalter}} in Betreff und Text
const render = (text: string, variables: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => variables[key] ?? '');

async function sendTemplatedEmail(job: Job<EmailJobData>) {
  const { to, templateName, organizationId, variables, userId } = job.data;

  const template = await prisma.emailTemplate.findFirst({
    where: { organizationId, name: templateName },
    select: { subject: true, body: true }
  });

  if (!template) {
    throw new Error(`E-Mail-Vorlage "${templateName}" nicht gefunden`);
  }

  await transporter.sendMail({
    from: process.env.SMTP_FROM || 'intranet@example.com',
    to,
    subject: render(template.subject, variables),
    html: render(template.body, variables)
  });

  await prisma.auditLog.create({
    data: {
      userId: userId ?? null,
      action: 'email_sent',
      entityType: 'EmailTemplate',
      details: { to, templateName }
    }
  });
}

export function startEmailWorker() {
  const worker = new Worker('email', sendTemplatedEmail, { connection, concurrency: 2 });

  worker.on('completed', (job) => {
    console.log(`[EmailWorker] E-Mail an ${job.data.to} versendet`);
  });

  worker.on('failed', (job, error) => {
    console.error(`[EmailWorker] Versand fehlgeschlagen (${job?.id}):`, error.message);
  });

  return worker;
}
