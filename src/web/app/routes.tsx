import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { RootLayout } from './root-layout';

// The login page is bundled with the app, not lazy: it is what a first visit shows, and a lazy
// chunk would only start downloading once the main bundle has run. Everything else is lazy, so
// the first load carries only the shell.
const InvitationPage = lazy(async () => ({
  default: (await import('../features/access/invitation-page')).InvitationPage,
}));
const PasswordResetRequestPage = lazy(async () => ({
  default: (await import('../features/access/password-reset-request-page')).PasswordResetRequestPage,
}));
const PasswordResetPage = lazy(async () => ({
  default: (await import('../features/access/password-reset-page')).PasswordResetPage,
}));
const ConfirmEmailPage = lazy(async () => ({
  default: (await import('../features/access/confirm-email-page')).ConfirmEmailPage,
}));
const AppLayout = lazy(async () => ({ default: (await import('./app-layout')).AppLayout }));
const NotFoundPage = lazy(async () => ({ default: (await import('./not-found-page')).NotFoundPage }));
const DashboardPage = lazy(async () => ({
  default: (await import('../features/dashboard/dashboard-page')).DashboardPage,
}));
const AccountLayout = lazy(async () => ({
  default: (await import('../features/account/account-layout')).AccountLayout,
}));
const ProfilePage = lazy(async () => ({ default: (await import('../features/account/profile-page')).ProfilePage }));
const ActivityPage = lazy(async () => ({ default: (await import('../features/account/activity-page')).ActivityPage }));
const BillingPage = lazy(async () => ({ default: (await import('../features/invoices/billing-page')).BillingPage }));
const InvoicesPage = lazy(async () => ({ default: (await import('../features/invoices/invoices-page')).InvoicesPage }));
const InvoicePage = lazy(async () => ({ default: (await import('../features/invoices/invoice-page')).InvoicePage }));
const UsersPage = lazy(async () => ({ default: (await import('../features/users/users-page')).UsersPage }));
const SecurityPage = lazy(async () => ({ default: (await import('../features/security/security-page')).SecurityPage }));
const CasesPage = lazy(async () => ({ default: (await import('../features/cases/cases-page')).CasesPage }));
const NewCasePage = lazy(async () => ({ default: (await import('../features/cases/new-case-page')).NewCasePage }));
const CasePage = lazy(async () => ({ default: (await import('../features/cases/case-page')).CasePage }));
const KeysLayout = lazy(async () => ({ default: (await import('../features/keys/keys-layout')).KeysLayout }));
const KeysPage = lazy(async () => ({ default: (await import('../features/keys/keys-page')).KeysPage }));
const KeyGroupsPage = lazy(async () => ({ default: (await import('../features/keys/key-groups-page')).KeyGroupsPage }));
const KeyPage = lazy(async () => ({ default: (await import('../features/keys/key-page')).KeyPage }));
const DownloadsPage = lazy(async () => ({ default: (await import('../features/downloads/downloads-page')).DownloadsPage }));
const StaffReleasesPage = lazy(async () => ({
  default: (await import('../features/staff-releases/staff-releases-page')).StaffReleasesPage,
}));
const ReportsPage = lazy(async () => ({ default: (await import('../features/reports/reports-page')).ReportsPage }));
const ReportPage = lazy(async () => ({ default: (await import('../features/reports/report-page')).ReportPage }));
const StaffReportsPage = lazy(async () => ({
  default: (await import('../features/reports/staff-reports-page')).StaffReportsPage,
}));
const ConsoleLayout = lazy(async () => ({
  default: (await import('../features/console/console-layout')).ConsoleLayout,
}));
const ConsoleIndex = lazy(async () => ({ default: (await import('../features/console/console-index')).ConsoleIndex }));
const AccountsPage = lazy(async () => ({ default: (await import('../features/console/accounts-page')).AccountsPage }));
const CreateAccountPage = lazy(async () => ({
  default: (await import('../features/console/create-account-page')).CreateAccountPage,
}));
const StaffUsersPage = lazy(async () => ({
  default: (await import('../features/console/staff-users-page')).StaffUsersPage,
}));
const StaffKeysPage = lazy(async () => ({ default: (await import('../features/staff-keys/staff-keys-page')).StaffKeysPage }));
const StaffCasesPage = lazy(async () => ({ default: (await import('../features/staff-cases/staff-cases-page')).StaffCasesPage }));
const StaffCasePage = lazy(async () => ({ default: (await import('../features/staff-cases/staff-case-page')).StaffCasePage }));
const StaffInvoicesPage = lazy(async () => ({
  default: (await import('../features/staff-invoices/staff-invoices-page')).StaffInvoicesPage,
}));
const StaffInvoicePage = lazy(async () => ({
  default: (await import('../features/staff-invoices/staff-invoice-page')).StaffInvoicePage,
}));
const InvoiceFormPage = lazy(async () => ({
  default: (await import('../features/staff-invoices/invoice-form-page')).InvoiceFormPage,
}));
const OutboxPage = lazy(async () => ({ default: (await import('../features/console/outbox-page')).OutboxPage }));
const OutboxMailPage = lazy(async () => ({
  default: (await import('../features/console/outbox-mail-page')).OutboxMailPage,
}));

/**
 * The route map. Areas appear here only once they have real pages; the navigation shows what
 * `me.areas` grants, and an area without a page yet leads to the 404 page inside the shell.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RootLayout />}>
        <Route path="login" element={<LoginPage />} />
        <Route path="invitation/:token" element={<InvitationPage />} />
        <Route path="password-reset" element={<PasswordResetRequestPage />} />
        <Route path="password-reset/:token" element={<PasswordResetPage />} />
        <Route path="confirm-email/:token" element={<ConfirmEmailPage />} />
        <Route element={<AppLayout />}>
          <Route index element={<DashboardPage />} />
          <Route path="cases">
            <Route index element={<CasesPage />} />
            <Route path="new" element={<NewCasePage />} />
            <Route path=":caseId" element={<CasePage />} />
          </Route>
          <Route path="keys">
            <Route element={<KeysLayout />}>
              <Route index element={<KeysPage />} />
              <Route path="groups" element={<KeyGroupsPage />} />
            </Route>
            <Route path=":keyId" element={<KeyPage />} />
          </Route>
          <Route path="invoices">
            <Route index element={<InvoicesPage />} />
            <Route path=":invoiceId" element={<InvoicePage />} />
          </Route>
          <Route path="downloads" element={<DownloadsPage />} />
          <Route path="reports">
            <Route index element={<ReportsPage />} />
            <Route path=":reportId" element={<ReportPage />} />
          </Route>
          <Route path="account" element={<AccountLayout />}>
            <Route index element={<ProfilePage />} />
            <Route path="activity" element={<ActivityPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="security" element={<SecurityPage />} />
            <Route path="billing" element={<BillingPage />} />
          </Route>
          <Route path="console" element={<ConsoleLayout />}>
            <Route index element={<ConsoleIndex />} />
            <Route path="accounts" element={<AccountsPage />} />
            <Route path="accounts/new" element={<CreateAccountPage />} />
            <Route path="users" element={<StaffUsersPage />} />
            <Route path="outbox" element={<OutboxPage />} />
            <Route path="outbox/:mailId" element={<OutboxMailPage />} />
            <Route path="keys" element={<StaffKeysPage />} />
            <Route path="releases" element={<StaffReleasesPage />} />
            <Route path="cases" element={<StaffCasesPage />} />
            <Route path="cases/:caseId" element={<StaffCasePage />} />
            <Route path="invoices" element={<StaffInvoicesPage />} />
            <Route path="invoices/new" element={<InvoiceFormPage />} />
            <Route path="invoices/:invoiceId" element={<StaffInvoicePage />} />
            <Route path="invoices/:invoiceId/edit" element={<InvoiceFormPage />} />
            <Route path="reports" element={<StaffReportsPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
