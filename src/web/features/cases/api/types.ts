/** The five views of "Meine Fälle", in the order the portal lists them. */
export const CASE_VIEWS = ['recent', 'active_support', 'my_open', 'all_open', 'all'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

export const CASE_TYPES = ['technical', 'customer_service'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = ['new', 'in_progress', 'waiting_on_customer', 'solved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_SEVERITIES = ['p1', 'p2', 'p3', 'p4'] as const;
export type CaseSeverity = (typeof CASE_SEVERITIES)[number];

export const CASE_CATEGORIES = ['invoice', 'payment', 'account_data', 'licensing', 'other'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_SORTS = ['newest', 'oldest', 'activity'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export type MaintenanceStatus = 'active' | 'expiring' | 'expired' | 'none';

export type Person = { userId: string; name: string; email: string };

/** One row of a view. */
export type CaseSummary = {
  id: string;
  number: string;
  type: CaseType;
  category: CaseCategory | null;
  subject: string;
  status: CaseStatus;
  severity: CaseSeverity;
  product: { id: string; name: string } | null;
  contact: Person;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
};

/** One case as its customer sees it; `abilities` decides which actions the page offers. */
export type Case = CaseSummary & {
  description: string;
  /** Markdown rendered and sanitised by the server. */
  descriptionHtml: string;
  productVersion: string | null;
  latestVersion: string | null;
  operatingSystem: string | null;
  key: {
    id: string;
    licenseKeyTail: string;
    maintenanceEnd: string | null;
    maintenanceStatus: MaintenanceStatus;
    status: string;
  } | null;
  invoiceNumber: string | null;
  ccs: Person[];
  createdBy: { userId: string; name: string };
  supportAgent: string | null;
  relatedCase: { id: string; number: string } | null;
  solvedAt: string | null;
  closedAt: string | null;
  /** Until when a solved case may be reopened; later a follow-up case links it. */
  reopenUntil: string | null;
  version: number;
  abilities: { edit: boolean; comment: boolean; solve: boolean; reopen: boolean; followUp: boolean };
};

export type TimelineEntry = {
  type: 'comment' | 'event';
  id: string;
  at: string;
  visibility: 'public' | 'internal';
  author: { userId: string | null; name: string | null; kind: string | null };
  body?: string;
  /** Markdown rendered and sanitised by the server. */
  bodyHtml?: string;
  kind?: string;
  data?: Record<string, unknown>;
};

export type FormKey = {
  id: string;
  licenseKeyTail: string;
  product: { id: string; name: string };
  edition: string | null;
  maintenanceEnd: string | null;
  maintenanceStatus: MaintenanceStatus;
  status: string;
  lastUsedVersion: string | null;
  /** Active and under maintenance: a Technischer Support case may be about it. */
  supportable: boolean;
};

export type FormOptions = { keys: FormKey[]; people: Person[] };

/** Every query of this feature lives under the account, so switching accounts drops them all. */
export const casesRoot = (accountId: string) => ['cases', accountId] as const;
