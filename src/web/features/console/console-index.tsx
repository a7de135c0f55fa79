import { Navigate } from 'react-router';
import { NotFound } from '../../components/not-found';
import { useMe } from '../../lib/me';

/** `/console` opens the first section this user may see. */
export function ConsoleIndex() {
  const me = useMe();
  if (me.abilities.workCases) return <Navigate to="/console/cases" replace />;
  if (me.abilities.viewStaffAccounts) return <Navigate to="/console/accounts" replace />;
  if (me.abilities.manageStaff) return <Navigate to="/console/users" replace />;
  if (me.abilities.viewOutbox) return <Navigate to="/console/outbox" replace />;
  if (me.abilities.manageProducts) return <Navigate to="/console/keys" replace />;
  if (me.abilities.manageInvoices) return <Navigate to="/console/invoices" replace />;
  return <NotFound headingOrder={2} />;
}
