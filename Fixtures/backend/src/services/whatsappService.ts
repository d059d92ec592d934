import axios from 'axios';
import { prisma } from '../utils/prisma';

export async function setReservationStatus(id: number, status: string) {
  return prisma.reservation.update({
    where: { id },
    data: { status }
  });
}

const WHATSAPP_API = 'https://graph.facebook.com/v18.0';

export async function sendCheckInReminder(reservationId: number) {
  const reservation = await prisma.reservation.findUnique({
    where: { id: reservationId },
    include: { branch: { select: { name: true, whatsappPhoneNumberId: true, whatsappToken: true } } }
  });

  if (!reservation || !reservation.guestPhone || !reservation.branch.whatsappPhoneNumberId) {
    return false;
  }

  await axios.post(
    `${WHATSAPP_API}/${reservation.branch.whatsappPhoneNumberId}/messages`,
    {
      messaging_product: 'whatsapp',
      to: reservation.guestPhone,
      type: 'text',
      text: { body: `Hola ${reservation.guestName}! Wir freuen uns auf deinen Check-in im ${reservation.branch.name}.` }
    },
    { headers: { Authorization: `Bearer ${reservation.branch.whatsappToken}` } }
  );

  await prisma.reservation.update({
    where: { id: reservationId },
    data: { reminderSentAt: new Date() }
  });

  return true;
}
