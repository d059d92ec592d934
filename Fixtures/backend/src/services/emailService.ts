import nodemailer from 'nodemailer';
import { prisma } from '../utils/prisma';
import type { User, Organization } from '@prisma/client';

const transporter = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT) || 587,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS }
});

/**
 * Begrüßungs-Mail nach dem Beitritt zu einer Organisation.
 * Nutzt die Vorlage "welcome" der Organisation, sonst einen Standardtext.
 */
export async function sendWelcomeEmail(user: Pick<User, 'email' | 'firstName'>, organization: Organization) {
  const template = await prisma.emailTemplate.findFirst({
    where: { organizationId: organization.id, name: 'welcome' },
    select: { subject: true, body: true }
  });

  const subject = template?.subject ?? `Willkommen bei ${organization.displayName}`;
  const html = (template?.body ?? '<p>Hallo {{firstName}}, willkommen im Team!</p>')
    .replace('{{firstName}}', user.firstName)
    .replace('{{organization}}', organization.displayName);

  await transporter.sendMail({
    from: process.env.SMTP_FROM || 'intranet@example.com',
    to: user.email,
    subject,
    html
  });
}

// email template by id or throw
export const findEmailTemplateOrThrow = async (id: number) => {
  const template = await prisma.emailTemplate.findUnique({ where: { id } });
  if (!template) {
    throw new Error(`EmailTemplate ${id} not found`);
  }
  return template;
};

// Data access for email templates
export class EmailTemplateRepository {
  static async findAll(organizationId: number) {
    return prisma.emailTemplate.findMany({ where: { organizationId }, orderBy: { name: 'asc' } });
  }

  static async findById(id: number) {
    return prisma.emailTemplate.findUnique({ where: { id } });
  }

  static async exists(id: number): Promise<boolean> {
    const found = await prisma.emailTemplate.count({ where: { id } });
    return found > 0;
  }
}
