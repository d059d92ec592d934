import { Router } from 'express';
import { prisma } from '../utils/prisma';
import { authMiddleware } from '../middleware/auth';
import { organizationMiddleware, requireActiveOrganization } from '../middleware/organization';
import { checkPermission } from '../middleware/permissionMiddleware';
import { requireBranchAccess } from '../middleware/branchAccess';
import { auditMiddleware } from '../middleware/auditMiddleware';
import { onboardingMiddleware } from '../middleware/onboardingMiddleware';
import * as authController from '../controllers/authController';
import * as userController from '../controllers/userController';
import * as organizationController from '../controllers/organizationController';
import * as notificationController from '../controllers/notificationController';
import * as roleController from '../controllers/roleController';
import * as branchController from '../controllers/branchController';
import * as requestController from '../controllers/requestController';
import * as taskController from '../controllers/taskController';
import * as worktimeController from '../controllers/worktimeController';
import * as clientController from '../controllers/clientController';
import * as consultationController from '../controllers/consultationController';
import * as invoiceController from '../controllers/invoiceController';
import * as monthlyReportController from '../controllers/monthlyReportController';
import * as payrollController from '../controllers/payrollController';
import * as documentController from '../controllers/documentController';
import * as tourController from '../controllers/tourController';
import * as tourBookingController from '../controllers/tourBookingController';
import * as reservationController from '../controllers/reservationController';
import * as savedFilterController from '../controllers/savedFilterController';
import * as settingsController from '../controllers/settingsController';
import * as teamWorktimeController from '../controllers/teamWorktimeController';
import * as analyticsController from '../controllers/analyticsController';
import * as cerebroController from '../controllers/cerebroController';
import * as identificationDocumentController from '../controllers/identificationDocumentController';
import * as shiftController from '../controllers/shiftController';
import * as lifecycleController from '../controllers/lifecycleController';
import * as joinRequestController from '../controllers/joinRequestController';
import * as permissionController from '../controllers/permissionController';
import * as dashboardController from '../controllers/dashboardController';
import * as invitationController from '../controllers/invitationController';
import * as emailTemplateController from '../controllers/emailTemplateController';
import * as databaseController from '../controllers/databaseController';
import * as taskAttachmentController from '../controllers/taskAttachmentController';
import * as requestAttachmentController from '../controllers/requestAttachmentController';
import * as tableSettingsController from '../controllers/tableSettingsController';
import * as onboardingController from '../controllers/onboardingController';
import * as passwordManagerController from '../controllers/passwordManagerController';
import * as roomController from '../controllers/roomController';
import * as auditLogController from '../controllers/auditLogController';

const router = Router();

// Öffentliche Routen (ohne Token)
router.post('/auth/login', authController.login);
router.post('/auth/register', authController.register);
router.post('/auth/reset-password-request', authController.requestPasswordReset);
router.post('/auth/reset-password', authController.resetPassword);

// Ab hier: Token + Organisations-Kontext erforderlich
router.use(authMiddleware, organizationMiddleware, requireActiveOrganization, onboardingMiddleware, auditMiddleware);

// Kleine Lookup-Route direkt hier (historisch gewachsen, wird vom Branch-Switcher genutzt)
router.get('/lookup/branches', async (req, res) => {
  try {
    const branches = await prisma.branch.findMany({
      where: { organizationId: req.organizationId, isActive: true },
      select: { id: true, name: true },
      orderBy: { name: 'asc' }
    });
    res.json(branches);
  } catch (error) {
    console.error('Error in /lookup/branches:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Niederlassungen' });
  }
});

// Auth
router.post('/auth/logout', authController.logout);
router.get('/auth/onboarding-statuses/paginated', authController.getOnboardingStatusesPaginated);
router.patch('/auth/onboarding-statuses/bulk', authController.bulkUpdateOnboardingStatuses);
router.post('/auth/invitations', authController.createInvitation);
router.post('/auth/onboarding-statuses', authController.createOnboardingStatus);
router.post('/auth/onboarding-statuses/bulk-delete', authController.deleteOnboardingStatuses);
router.put('/auth/user-settings-list', authController.saveUserSettings);
router.get('/auth/onboarding-statuses/count', authController.countOnboardingStatuses);
router.get('/auth/user', authController.getCurrentUser);
router.get('/auth/user-settings-list/search', authController.searchUserSettingsList);
router.get('/auth/invitations/:id', authController.getInvitationById);
router.put('/auth/invitations/:id', authController.updateInvitation);
router.delete('/auth/user-settings-list/:id', authController.deleteUserSettings);

// User
router.get('/users', userController.getAllUsers);
router.put('/users/profile', checkPermission('user_management', 'write'), userController.updateProfile);
router.post('/users/bulk-delete', checkPermission('user_management', 'write'), userController.deleteUsers);
router.get('/users/user-roles/paginated', userController.getUserRolesPaginated);
router.get('/users/search', userController.searchUsers);
router.put('/users/switch-role', checkPermission('user_management', 'write'), userController.switchUserRole);
router.get('/users/user-roles', userController.getAllUserRoles);
router.post('/users/branch-assignments', checkPermission('user_management', 'write'), userController.createBranchAssignment);
router.put('/users/password', checkPermission('user_management', 'write'), userController.changePassword);
router.patch('/users/branch-assignments/bulk', checkPermission('user_management', 'write'), userController.bulkUpdateBranchAssignments);
router.get('/users/user-roles/export', userController.exportUserRolesCsv);
router.put('/users/branch-assignments/:id', checkPermission('user_management', 'write'), userController.updateBranchAssignment);
router.delete('/users/:id', checkPermission('user_management', 'write'), userController.deleteUser);
router.get('/users/:id', userController.getUserById);
router.put('/users/:id/deactivate', checkPermission('user_management', 'write'), userController.deactivateUser);
router.put('/users/user-roles/:id', checkPermission('user_management', 'write'), userController.updateUserRole);

// Organization
router.post('/organizations', checkPermission('organization_management', 'write'), organizationController.createOrganization);
router.post('/organizations/invitations', checkPermission('organization_management', 'write'), organizationController.createInvitation);
router.post('/organizations/join-requests/import', checkPermission('organization_management', 'write'), organizationController.importJoinRequests);
router.post('/organizations/roles/import', checkPermission('organization_management', 'write'), organizationController.importRoles);
router.get('/organizations/current/overview', organizationController.getOrganizationOverview);
router.get('/organizations/search', organizationController.searchOrganizations);
router.get('/organizations/branches/paginated', organizationController.getBranchesPaginated);
router.get('/organizations', organizationController.getAllOrganizations);
router.get('/organizations/branches/search', organizationController.searchBranches);
router.patch('/organizations/join-requests/bulk', checkPermission('organization_management', 'write'), organizationController.bulkUpdateJoinRequests);
router.get('/organizations/roles/count', organizationController.countRoles);
router.get('/organizations/branches/count', organizationController.countBranches);
router.get('/organizations/join-requests/stats', organizationController.getJoinRequestStats);
router.get('/organizations/invitations/search', organizationController.searchInvitations);
router.post('/organizations/import', checkPermission('organization_management', 'write'), organizationController.importOrganizations);
router.get('/organizations/invitations/paginated', organizationController.getInvitationsPaginated);
router.post('/organizations/branches', checkPermission('organization_management', 'write'), organizationController.createBranch);
router.get('/organizations/count', organizationController.countOrganizations);
router.post('/organizations/invitations/import', checkPermission('organization_management', 'write'), organizationController.importInvitations);
router.post('/organizations/invitations/bulk-delete', checkPermission('organization_management', 'write'), organizationController.deleteInvitations);
router.get('/organizations/branches', organizationController.getAllBranches);
router.get('/organizations/current', organizationController.getCurrentOrganization);
router.put('/organizations/current/settings', checkPermission('organization_management', 'write'), organizationController.updateOrganizationSettings);
router.get('/organizations/stats', organizationController.getOrganizationStats);
router.post('/organizations/join-requests', checkPermission('organization_management', 'write'), organizationController.createJoinRequest);
router.delete('/organizations/roles/:id', checkPermission('organization_management', 'write'), organizationController.deleteRole);
router.get('/organizations/invitations/:id', organizationController.getInvitationById);
router.delete('/organizations/branches/:id', checkPermission('organization_management', 'write'), organizationController.deleteBranch);
router.get('/organizations/branches/:id', organizationController.getBranchById);
router.put('/organizations/roles/:id', checkPermission('organization_management', 'write'), organizationController.updateRole);
router.put('/organizations/invitations/:id', checkPermission('organization_management', 'write'), organizationController.updateInvitation);
router.delete('/organizations/join-requests/:id', checkPermission('organization_management', 'write'), organizationController.deleteJoinRequest);

// Notification
router.get('/notifications/unread/count', notificationController.getUnreadCount);
router.post('/notifications/notification-settings', notificationController.createNotificationSetting);
router.post('/notifications/notification-settings/import', notificationController.importNotificationSettings);
router.post('/notifications/bulk-delete', notificationController.deleteNotifications);
router.post('/notifications', notificationController.createNotification);
router.patch('/notifications/read-all', notificationController.markAllAsRead);
router.patch('/notifications/notification-settings/bulk', notificationController.bulkUpdateNotificationSettings);
router.get('/notifications/export', notificationController.exportNotificationsCsv);
router.get('/notifications/paginated', notificationController.getNotificationsPaginated);
router.get('/notifications', notificationController.getAllNotifications);
router.get('/notifications/search', notificationController.searchNotifications);
router.get('/notifications/stats', notificationController.getNotificationStats);
router.put('/notifications/notification-settings', notificationController.saveNotificationSetting);
router.get('/notifications/notification-settings', notificationController.getAllNotificationSettings);
router.post('/notifications/notification-settings/bulk-delete', notificationController.deleteNotificationSettings);
router.get('/notifications/notification-settings/paginated', notificationController.getNotificationSettingsPaginated);
router.post('/notifications/broadcast', notificationController.broadcastNotification);
router.get('/notifications/notification-settings/export', notificationController.exportNotificationSettingsCsv);
router.get('/notifications/notification-settings/count', notificationController.countNotificationSettings);
router.get('/notifications/notification-settings/:id', notificationController.getNotificationSettingById);
router.patch('/notifications/:id/read', notificationController.toggleNotificationRead);
router.put('/notifications/notification-settings/:id', notificationController.updateNotificationSetting);
router.delete('/notifications/notification-settings/:id', notificationController.deleteNotificationSetting);
router.put('/notifications/:id', notificationController.updateNotification);
router.patch('/notifications/notification-settings/:id/task-create', notificationController.toggleNotificationSettingTaskCreate);
router.delete('/notifications/:id', notificationController.deleteNotification);

// Role
router.post('/roles/permissions/bulk-delete', roleController.deletePermissions);
router.post('/roles/user-roles/import', roleController.importUserRoles);
router.post('/roles/user-roles/bulk-delete', roleController.deleteUserRoles);
router.delete('/roles/user-roles/:id', roleController.deleteUserRole);
router.put('/roles/permissions/:id', roleController.updatePermission);
router.patch('/roles/user-roles/:id/last-used', roleController.toggleUserRoleLastUsed);
router.delete('/roles/permissions/:id', roleController.deletePermission);

// Branch
router.patch('/branches/bulk', branchController.bulkUpdateBranches);
router.get('/branches/branch-assignments/count', branchController.countBranchAssignments);
router.patch('/branches/branch-assignments/bulk', branchController.bulkUpdateBranchAssignments);
router.get('/branches/:id', branchController.getBranchById);
router.delete('/branches/branch-assignments/:id', branchController.deleteBranchAssignment);
router.get('/branches/branch-assignments/:id', branchController.getBranchAssignmentById);
router.put('/branches/:id', branchController.updateBranch);

// Request
router.get('/requests', requestController.getAllRequests);
router.post('/requests/request-attachments', requestController.createRequestAttachment);
router.post('/requests/submit', requestController.submitRequest);
router.patch('/requests/bulk', requestController.bulkUpdateRequests);
router.post('/requests/request-attachments/import', requestController.importRequestAttachments);
router.post('/requests', requestController.createRequest);
router.get('/requests/request-attachments', requestController.getAllRequestAttachments);
router.post('/requests/bulk-delete', requestController.deleteRequests);
router.get('/requests/export', requestController.exportRequestsCsv);
router.get('/requests/request-attachments/search', requestController.searchRequestAttachments);
router.patch('/requests/:id/status', requestController.changeRequestStatus);
router.delete('/requests/request-attachments/:id', requestController.deleteRequestAttachment);

// Task
router.get('/tasks', taskController.getAllTasks);
router.get('/tasks/export', taskController.exportTasksCsv);
router.post('/tasks/task-attachments/import', taskController.importTaskAttachments);
router.patch('/tasks/bulk', taskController.bulkUpdateTasks);
router.get('/tasks/task-attachments/summary', taskController.getTaskAttachmentSummary);
router.get('/tasks/task-attachments/count', taskController.countTaskAttachments);
router.get('/tasks/task-attachments', taskController.getAllTaskAttachments);
router.get('/tasks/:id', taskController.getTaskById);
router.put('/tasks/task-attachments/:id', taskController.updateTaskAttachment);
router.patch('/tasks/:id/status', taskController.updateTaskStatus);
router.delete('/tasks/:id/archive', taskController.archiveTask);

// Worktime
router.get('/work-times/paginated', worktimeController.getWorkTimesPaginated);
router.get('/worktime/active', worktimeController.getActiveWorktime);
router.post('/work-times/bulk-delete', worktimeController.deleteWorkTimes);
router.get('/work-times', worktimeController.getAllWorkTimes);
router.post('/work-times', worktimeController.createWorkTime);
router.post('/worktime/start', worktimeController.startWorktime);
router.get('/work-times/count', worktimeController.countWorkTimes);
router.post('/worktime/stop', worktimeController.stopWorktime);

// Client
router.patch('/clients/bulk', clientController.bulkUpdateClients);
router.post('/clients/bulk-delete', clientController.deleteClients);
router.get('/clients/search', clientController.searchClients);
router.get('/clients', clientController.getAllClients);
router.post('/clients/import', clientController.importClients);
router.get('/clients/:id', clientController.getClientById);
router.patch('/clients/:id/is-active', clientController.toggleClientIsActive);
router.delete('/clients/:id', clientController.deleteClient);

// Consultation
router.get('/consultations/clients/count', consultationController.countClients);
router.post('/consultations/bulk-delete', consultationController.deleteConsultations);
router.get('/consultations/clients/export', consultationController.exportClientsCsv);
router.get('/consultations/clients/paginated', consultationController.getClientsPaginated);
router.patch('/consultations/bulk', consultationController.bulkUpdateConsultations);
router.put('/consultations/:id', consultationController.updateConsultation);

// Invoice
router.get('/invoices', invoiceController.getAllInvoices);
router.post('/invoices/generate', invoiceController.generateInvoice);
router.post('/invoices/bulk-delete', invoiceController.deleteInvoices);
router.get('/invoices/summary', invoiceController.getInvoiceSummary);
router.get('/invoices/export', invoiceController.exportInvoicesCsv);
router.post('/invoices/import', invoiceController.importInvoices);
router.put('/invoices/:id', invoiceController.updateInvoice);

// MonthlyReport
router.get('/monthly-reports/stats', monthlyReportController.getMonthlyReportStats);
router.get('/monthly-reports/paginated', monthlyReportController.getMonthlyReportsPaginated);
router.get('/monthly-reports/search', monthlyReportController.searchMonthlyReports);
router.get('/monthly-reports/summary', monthlyReportController.getMonthlyReportSummary);
router.put('/monthly-reports/:id', monthlyReportController.updateMonthlyReport);

// Payroll
router.post('/payrolls/bulk-delete', checkPermission('payroll', 'write'), payrollController.deletePayrolls);
router.get('/payrolls/summary', payrollController.getPayrollSummary);
router.get('/payrolls/:id', payrollController.getPayrollById);
router.put('/payrolls/:id', checkPermission('payroll', 'write'), payrollController.updatePayroll);

// Document
router.get('/documents/count', documentController.countDocuments);
router.get('/documents/export', documentController.exportDocumentsCsv);
router.get('/documents/paginated', documentController.getDocumentsPaginated);
router.post('/documents', documentController.createDocument);
router.delete('/documents/:id', documentController.deleteDocument);

// Tour
router.get('/tours/count', tourController.countTours);
router.get('/tours/paginated', tourController.getToursPaginated);
router.patch('/tours/bulk', tourController.bulkUpdateTours);
router.get('/tours/summary', tourController.getTourSummary);
router.delete('/tours/:id', tourController.deleteTour);
router.get('/tours/:id', tourController.getTourById);
router.put('/tours/:id', tourController.updateTour);

// TourBooking
router.get('/tour-bookings', tourBookingController.getAllTourBookings);
router.get('/tour-bookings/paginated', tourBookingController.getTourBookingsPaginated);
router.get('/tour-bookings/count', tourBookingController.countTourBookings);
router.patch('/tour-bookings/bulk', tourBookingController.bulkUpdateTourBookings);
router.delete('/tour-bookings/:id', tourBookingController.deleteTourBooking);
router.post('/tour-bookings/:id/cancel', tourBookingController.cancelBooking);

// Reservation
router.get('/reservations', requireBranchAccess, reservationController.getAllReservations);
router.get('/reservations/rooms', requireBranchAccess, reservationController.getAllRooms);
router.patch('/reservations/rooms/bulk', requireBranchAccess, reservationController.bulkUpdateRooms);
router.get('/reservations/export', requireBranchAccess, reservationController.exportReservationsCsv);
router.get('/reservations/count', requireBranchAccess, reservationController.countReservations);
router.get('/reservations/:id', reservationController.getReservationById);
router.delete('/reservations/rooms/:id', reservationController.deleteRoom);
router.put('/reservations/:id', reservationController.updateReservation);

// SavedFilter
router.get('/saved-filters/filter-groups/export', savedFilterController.exportFilterGroupsCsv);
router.get('/saved-filters/filter-groups/search', savedFilterController.searchFilterGroups);
router.post('/saved-filters/filter-groups/bulk-delete', savedFilterController.deleteFilterGroups);
router.get('/saved-filters/filter-groups/summary', savedFilterController.getFilterGroupSummary);
router.get('/saved-filters/paginated', savedFilterController.getSavedFiltersPaginated);
router.put('/saved-filters/filter-groups/:id', savedFilterController.updateFilterGroup);

// Settings
router.put('/user-settings-list', settingsController.saveUserSettings);
router.get('/user-settings-list/paginated', settingsController.getUserSettingsListPaginated);

// TeamWorktime
router.get('/work-times/export', teamWorktimeController.exportWorkTimesCsv);
router.post('/work-times/users/import', teamWorktimeController.importUsers);
router.post('/work-times/import', teamWorktimeController.importWorkTimes);
router.get('/work-times/users/count', teamWorktimeController.countUsers);

// Analytics
router.get('/analytics/requests-per-day', analyticsController.getRequestsPerDay);
router.get('/requests/stats', analyticsController.getRequestStats);
router.get('/requests/count', analyticsController.countRequests);
router.get('/analytics/task-throughput', analyticsController.getTaskThroughput);

// Cerebro
router.post('/articles/import', cerebroController.importArticles);
router.get('/articles', cerebroController.getAllArticles);
router.patch('/articles/bulk', cerebroController.bulkUpdateArticles);
router.get('/articles/export', cerebroController.exportArticlesCsv);
router.get('/articles/paginated', cerebroController.getArticlesPaginated);
router.post('/articles/:id/duplicate', cerebroController.duplicateArticle);
router.get('/articles/:id', cerebroController.getArticleById);

// IdentificationDocument
router.get('/identification-documents', identificationDocumentController.getAllIdentificationDocuments);
router.get('/identification-documents/paginated', identificationDocumentController.getIdentificationDocumentsPaginated);
router.patch('/identification-documents/bulk', identificationDocumentController.bulkUpdateIdentificationDocuments);
router.delete('/identification-documents/:id', identificationDocumentController.deleteIdentificationDocument);
router.patch('/identification-documents/:id/is-verified', identificationDocumentController.toggleIdentificationDocumentIsVerified);

// Shift
router.get('/shifts', requireBranchAccess, shiftController.getAllShifts);
router.get('/shifts/export', requireBranchAccess, shiftController.exportShiftsCsv);
router.post('/shifts/bulk-delete', requireBranchAccess, shiftController.deleteShifts);
router.get('/shifts/stats', requireBranchAccess, shiftController.getShiftStats);
router.post('/shifts', requireBranchAccess, shiftController.createShift);
router.post('/shifts/import', requireBranchAccess, shiftController.importShifts);
router.get('/shifts/:id', shiftController.getShiftById);

// Lifecycle
router.get('/lifecycles', lifecycleController.getAllLifecycles);
router.get('/lifecycles/export', lifecycleController.exportLifecyclesCsv);
router.post('/lifecycles/import', lifecycleController.importLifecycles);
router.get('/lifecycles/paginated', lifecycleController.getLifecyclesPaginated);
router.post('/lifecycles', lifecycleController.createLifecycle);

// JoinRequest
router.post('/join-requests', joinRequestController.createJoinRequest);
router.get('/join-requests', joinRequestController.getAllJoinRequests);
router.get('/join-requests/paginated', joinRequestController.getJoinRequestsPaginated);
router.get('/join-requests/stats', joinRequestController.getJoinRequestStats);
router.put('/join-requests/:id', joinRequestController.updateJoinRequest);

// Permission
router.post('/permissions', permissionController.createPermission);
router.get('/permissions/stats', permissionController.getPermissionStats);
router.get('/permissions/:id', permissionController.getPermissionById);
router.put('/permissions/:id', permissionController.updatePermission);

// Dashboard
router.get('/dashboard', dashboardController.getDashboardOverview);
router.get('/tasks/count', dashboardController.countTasks);

// Invitation
router.post('/invitations', invitationController.createInvitation);
router.get('/invitations/export', invitationController.exportInvitationsCsv);
router.post('/invitations/import', invitationController.importInvitations);
router.get('/invitations/count', invitationController.countInvitations);
router.get('/invitations', invitationController.getAllInvitations);

// EmailTemplate
router.get('/email-templates/count', emailTemplateController.countEmailTemplates);
router.post('/email-templates/import', emailTemplateController.importEmailTemplates);
router.patch('/email-templates/bulk', emailTemplateController.bulkUpdateEmailTemplates);
router.post('/email-templates', emailTemplateController.createEmailTemplate);
router.get('/email-templates/export', emailTemplateController.exportEmailTemplatesCsv);
router.post('/email-templates/:id/duplicate', emailTemplateController.duplicateEmailTemplate);

// Database
router.get('/database/stats', databaseController.getDatabaseStats);
router.post('/audit-logs/bulk-delete', checkPermission('settings', 'write'), databaseController.deleteAuditLogs);
router.post('/database/analyze', checkPermission('settings', 'write'), databaseController.analyzeTables);

// TaskAttachment
router.get('/task-attachments/search', taskAttachmentController.searchTaskAttachments);
router.post('/task-attachments', taskAttachmentController.createTaskAttachment);
router.post('/task-attachments/bulk-delete', taskAttachmentController.deleteTaskAttachments);
router.get('/task-attachments/count', taskAttachmentController.countTaskAttachments);

// RequestAttachment
router.post('/request-attachments', requestAttachmentController.createRequestAttachment);
router.get('/request-attachments', requestAttachmentController.getAllRequestAttachments);
router.get('/request-attachments/summary', requestAttachmentController.getRequestAttachmentSummary);

// TableSettings
router.put('/table-settings-list', tableSettingsController.saveTableSettings);

// Onboarding
router.post('/onboarding-statuses/import', onboardingController.importOnboardingStatuses);
router.get('/onboarding-statuses/export', onboardingController.exportOnboardingStatusesCsv);
router.get('/onboarding-statuses/paginated', onboardingController.getOnboardingStatusesPaginated);

// PasswordManager
router.post('/password-entries/import', passwordManagerController.importPasswordEntries);
router.get('/password-entries/count', passwordManagerController.countPasswordEntries);
router.get('/password-entries/export', passwordManagerController.exportPasswordEntriesCsv);
router.get('/password-entries/:id', passwordManagerController.getPasswordEntryById);
router.put('/password-entries/:id', passwordManagerController.updatePasswordEntry);
router.delete('/password-entries/:id', passwordManagerController.deletePasswordEntry);

// Room
router.get('/rooms/search', roomController.searchRooms);
router.get('/rooms', roomController.getAllRooms);
router.get('/rooms/paginated', roomController.getRoomsPaginated);
router.post('/rooms/bulk-delete', roomController.deleteRooms);
router.get('/rooms/export', roomController.exportRoomsCsv);
router.put('/rooms/:id', roomController.updateRoom);

// AuditLog
router.get('/audit-logs/search', auditLogController.searchAuditLogs);
router.get('/audit-logs', auditLogController.getAllAuditLogs);
router.delete('/audit-logs/:id', auditLogController.deleteAuditLog);
router.put('/audit-logs/:id', auditLogController.updateAuditLog);

export default router;
