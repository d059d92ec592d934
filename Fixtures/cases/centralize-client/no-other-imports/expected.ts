import { prisma } from '../utils/prisma';


export default prisma.user;
