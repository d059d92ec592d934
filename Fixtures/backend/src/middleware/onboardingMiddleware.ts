import { Request, Response, NextFunction } from 'express';
import { prisma } from '../utils/prisma';

// Hängt den Onboarding-Schritt als Header an, damit das Frontend die Tour starten kann
export const onboardingMiddleware = async (req: Request, res: Response, next: NextFunction) => {
  const userId = Number(req.userId);
  if (!userId) {
    return next();
  }

  try {
    const status = await prisma.onboardingStatus.findUnique({
      where: { userId },
      select: { currentStep: true, dismissed: true }
    });

    if (status && !status.dismissed) {
      res.setHeader('X-Onboarding-Step', String(status.currentStep));
    }
  } catch (error) {
    console.warn('[onboarding] Status konnte nicht geladen werden:', error);
  }

  next();
};
