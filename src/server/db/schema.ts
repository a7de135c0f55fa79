import type { Generated, GeneratedAlways } from 'kysely';

/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 UTC strings on both dialects
 * (see app/db.ts for the one conversion), booleans are read through `toBool` because
 * SQLite answers 0/1, JSON columns through `parseJson` because SQLite answers text.
 */
export type Timestamp = string;
export type Bool = boolean | number;
export type Json = string | Record<string, unknown>;

export interface AccountsTable {
  id: string;
  number: string;
  name: string;
  status: 'active' | 'suspended';
  currency: string;
  locale: string;
  require_mfa: Generated<Bool>;
  billing_address: Generated<Json | null>;
  shipping_address: Generated<Json | null>;
  billing_contact_name: Generated<string | null>;
  billing_contact_email: Generated<string | null>;
  vat_id: Generated<string | null>;
  po_reference: Generated<string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  locale: 'de' | 'en' | null;
  password_hash: string | null;
  status: 'invited' | 'active' | 'disabled';
  kind: 'customer' | 'staff';
  staff_role: 'agent' | 'billing' | 'release' | 'admin' | null;
  last_login_at: Timestamp | null;
  mfa_secret: Generated<string | null>;
  mfa_pending_secret: Generated<string | null>;
  mfa_enabled_at: Generated<Timestamp | null>;
  mfa_last_step: Generated<number | null>;
  mfa_exempt: Generated<Bool>;
  notification_prefs: Generated<string>;
  password_changed_at: Generated<Timestamp | null>;
  case_view: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  id: string;
  account_id: string;
  user_id: string;
  role: 'admin' | 'key_manager' | 'member';
  case_admin: Bool;
  billing: Bool;
  downloads: Bool;
  status: Generated<'active' | 'disabled'>;
  version: Generated<number>;
  invited_by_user_id: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  account_id: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  mfa_passed: Bool;
  mfa_required: Generated<Bool>;
  mfa_attempts: Generated<number>;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: Timestamp;
}

export interface AuditEventsTable {
  id: string;
  account_id: string | null;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: Json;
  ip: string | null;
  at: Timestamp;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: Json;
  status: 'pending' | 'running' | 'done' | 'dead';
  run_at: Timestamp;
  attempts: number;
  max_attempts: number;
  locked_until: Timestamp | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailsTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: 'queued' | 'sent' | 'held' | 'failed';
  account_id: string | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface KeyGroupsTable {
  id: string;
  account_id: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipKeyGroupsTable {
  membership_id: string;
  key_group_id: string;
}

export interface UserTokensTable {
  id: string;
  user_id: string;
  kind: 'invitation' | 'password_reset' | 'email_change';
  token_hash: string;
  account_id: string | null;
  new_email: string | null;
  created_by_user_id: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface MfaRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RateLimitHitsTable {
  id: Generated<number>;
  bucket: string;
  at: Timestamp;
}

export interface ProductsTable {
  id: string;
  code: string;
  name: string;
  latest_version: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EditionsTable {
  id: string;
  product_id: string;
  code: string;
  name: string;
  created_at: Timestamp;
}

export interface ProductKeysTable {
  id: string;
  account_id: string;
  key_group_id: string | null;
  product_id: string;
  edition_id: string | null;
  license_key: string;
  seats: number;
  term: 'perpetual' | 'subscription';
  valid_until: Timestamp | null;
  maintenance_start: Timestamp | null;
  maintenance_end: Timestamp | null;
  status: 'active' | 'suspended' | 'revoked';
  assigned_name: string | null;
  assigned_email: string | null;
  assigned_user_id: string | null;
  last_used_version: string | null;
  last_seen_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActivationsTable {
  id: string;
  key_id: string;
  /** The key's account, set by a trigger on insert (migration 0013). */
  account_id: Generated<string>;
  fingerprint: string;
  hostname: string | null;
  os: string | null;
  software_version: string | null;
  method: 'online' | 'offline';
  status: 'active' | 'deactivated';
  activated_at: Timestamp;
  activated_by_user_id: string | null;
  last_seen_at: Timestamp;
  deactivated_at: Timestamp | null;
  deactivation: 'software' | 'offline' | 'portal_release' | 'staff' | null;
  deactivated_by_user_id: string | null;
}

export interface SigningKeysTable {
  kid: string;
  public_key: string;
  private_key: string;
  created_at: Timestamp;
}

export interface RateCountersTable {
  bucket: string;
  window_start: number;
  hits: number;
}

export type CaseType = 'technical' | 'customer_service';
export type CaseStatus = 'new' | 'in_progress' | 'waiting_on_customer' | 'solved' | 'closed';
export type CaseSeverity = 'p1' | 'p2' | 'p3' | 'p4';
export type CaseCategory = 'invoice' | 'payment' | 'account_data' | 'licensing' | 'other';

export interface CasesTable {
  id: string;
  number: string;
  account_id: string;
  type: CaseType;
  category: CaseCategory | null;
  subject: string;
  description: string;
  product_id: string | null;
  product_version: string | null;
  operating_system: string | null;
  severity: CaseSeverity;
  key_id: string | null;
  invoice_number: string | null;
  status: CaseStatus;
  contact_user_id: string;
  created_by_user_id: string;
  assigned_user_id: string | null;
  related_case_id: string | null;
  first_response_due_at: Timestamp;
  first_responded_at: Timestamp | null;
  solved_at: Timestamp | null;
  closed_at: Timestamp | null;
  last_activity_at: Timestamp;
  search_text: string;
  /** The search words prefixed with the account's token (migration 0005): a customer's search index. */
  search_scoped: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseCcsTable {
  case_id: string;
  user_id: string;
}

export interface CaseCommentsTable {
  id: string;
  case_id: string;
  author_user_id: string | null;
  author_kind: 'customer' | 'staff';
  visibility: 'public' | 'internal';
  body: string;
  created_at: Timestamp;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  actor_user_id: string | null;
  kind: string;
  visibility: 'public' | 'internal';
  data: Json;
  created_at: Timestamp;
}

export interface CaseViewsTable {
  user_id: string;
  case_id: string;
  viewed_at: Timestamp;
}

/** How many cases an account has per status; kept by triggers on `cases` (migration 0005). */
export interface CaseCountsTable {
  account_id: string;
  status: CaseStatus;
  n: number;
}

/** SQLite only: the FTS5 index of cases.search_text and search_scoped (migration 0005). */
export interface CaseSearchTable {
  rowid: number;
  scoped: string;
  case_id: string;
  search_text: string;
}

export type AttachmentVisibility = 'public' | 'internal';
export type ScanStatus = 'clean' | 'infected' | 'pending' | 'skipped' | 'failed';
export type StorageKind = 'local' | 's3';

/** A tus upload in progress (or finished: kept until it expires so a late HEAD still reads "complete"). */
export interface UploadsTable {
  id: string;
  uploader_user_id: string;
  uploader_kind: 'customer' | 'staff';
  /** Null for release artifacts (staff uploads that belong to no customer account). */
  account_id: string | null;
  case_id: string | null;
  /** What the upload becomes (migration 0008): a case attachment or a release artifact. */
  target: Generated<'case' | 'artifact'>;
  release_id: Generated<string | null>;
  platform: Generated<ArtifactPlatform | null>;
  arch: Generated<ArtifactArch | null>;
  /** The attachment (att_…) or artifact (art_…) this upload becomes: fixed at creation so finishing is idempotent. */
  attachment_id: string;
  file_name: string;
  declared_type: string | null;
  visibility: AttachmentVisibility;
  length: number;
  offset_bytes: Generated<number>;
  storage: StorageKind;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface AttachmentsTable {
  id: string;
  case_id: string;
  account_id: string;
  uploader_user_id: string | null;
  uploader_kind: 'customer' | 'staff';
  upload_id: string;
  file_name: string;
  size: number;
  sha256: string;
  declared_type: string | null;
  content_type: string;
  storage: StorageKind;
  storage_key: string;
  visibility: AttachmentVisibility;
  scan_status: ScanStatus;
  scan_result: string | null;
  scanned_at: Timestamp | null;
  created_at: Timestamp;
}

/** Cross-process tus locks: a lease, renewed by its holder, taken over once expired. */
export interface UploadLocksTable {
  upload_id: string;
  holder: string;
  expires_at: Timestamp;
  release_requested: Generated<Bool>;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

export interface InvoicesTable {
  id: string;
  number: string | null;
  account_id: string;
  status: InvoiceStatus;
  scheduled: Bool;
  currency: string;
  language: 'de' | 'en';
  /** YYYY-MM-DD */
  issue_date: string | null;
  due_date: string;
  terms_days: number;
  bill_to: Json;
  vat_id: string | null;
  po_reference: string | null;
  memo: string | null;
  subtotal: number;
  tax: number;
  total: number;
  amount_paid: Generated<number>;
  created_by_user_id: string | null;
  issued_at: Timestamp | null;
  paid_at: Timestamp | null;
  voided_at: Timestamp | null;
  uncollectible_at: Timestamp | null;
  void_reason: string | null;
  /** Generated by the database from status and scheduled. */
  tab: GeneratedAlways<'upcoming' | 'unpaid' | 'older' | 'draft'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Per account, tab and currency: how many invoices, their total and open balance; kept by triggers on `invoices` (migration 0010). */
export interface InvoiceTotalsTable {
  account_id: string;
  tab: 'upcoming' | 'unpaid' | 'older' | 'draft';
  currency: string;
  n: number;
  total: number;
  balance: number;
}

/** Every suffix of each issued invoice number, kept by triggers on `invoices` (migration 0014): a number search is one range of the primary key. */
export interface InvoiceNumberSuffixesTable {
  account_id: string;
  suffix: string;
  invoice_id: string;
}

/** Personal API tokens (migration 0011): only the SHA-256 of the secret is kept. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  account_id: string;
  name: string;
  token_hash: string;
  token_hint: string;
  /** JSON array of scopes, e.g. ["cases:read", "keys:write"]. */
  scopes: Json;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  last_used_ip: string | null;
  revoked_at: Timestamp | null;
  revoked_by_user_id: string | null;
  created_at: Timestamp;
}

export interface InvoiceLinesTable {
  id: string;
  invoice_id: string;
  position: number;
  product_id: string | null;
  product_name: string | null;
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: number;
  unit_amount: number;
  tax_rate_bp: number;
  amount: number;
  tax: number;
}

export interface PaymentsTable {
  id: string;
  invoice_id: string;
  account_id: string;
  provider: 'stripe' | 'bank_transfer';
  provider_reference: string;
  amount: number;
  currency: string;
  received_at: Timestamp;
  recorded_by_user_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface WebhookEventsTable {
  provider: string;
  event_id: string;
  type: string;
  invoice_id: string | null;
  outcome: string;
  received_at: Timestamp;
}

export interface CheckoutSessionsTable {
  id: string;
  invoice_id: string;
  status: 'creating' | 'open' | 'complete' | 'expired';
  provider_session_id: string | null;
  url: string | null;
  amount: number;
  currency: string;
  expires_at: Timestamp | null;
  created_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvoiceRemindersTable {
  invoice_id: string;
  stage: string;
  sent_at: Timestamp;
  mail_to: string;
}

export type ReleaseChannel = 'stable' | 'preview' | 'lts';
export type ArtifactPlatform = 'windows' | 'macos' | 'linux';
export type ArtifactArch = 'x64' | 'arm64';

export interface ReleasesTable {
  id: string;
  product_id: string;
  /** The software version ("2026.3.1"); `revision` is the row's optimistic-lock counter. */
  version: string;
  channel: ReleaseChannel;
  notes: Generated<string>;
  /** Null while the release is a draft. */
  published_at: Timestamp | null;
  created_by_user_id: string | null;
  revision: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportSubscriptionsTable {
  id: string;
  user_id: string;
  account_id: string;
  report_id: 'key-inventory' | 'maintenance' | 'activations' | 'cases' | 'invoices';
  filters: Json;
  frequency: 'weekly' | 'monthly';
  format: 'xlsx' | 'csv';
  status: Generated<'active' | 'paused'>;
  paused_reason: string | null;
  next_run_at: Timestamp;
  last_sent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReleaseArtifactsTable {
  id: string;
  release_id: string;
  platform: ArtifactPlatform;
  arch: ArtifactArch;
  file_name: string;
  size: number;
  sha256: string;
  storage: StorageKind;
  storage_key: string;
  signature_file_name: string | null;
  signature_storage_key: string | null;
  signature_size: number | null;
  signature_sha256: string | null;
  upload_id: string | null;
  uploader_user_id: string | null;
  created_at: Timestamp;
}

export interface MailAttachmentsTable {
  id: string;
  mail_id: string;
  position: number;
  filename: string;
  content_type: string;
  content_base64: string;
  size: number;
}

export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  mails: MailsTable;
  counters: CountersTable;
  key_groups: KeyGroupsTable;
  membership_key_groups: MembershipKeyGroupsTable;
  user_tokens: UserTokensTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  rate_limit_hits: RateLimitHitsTable;
  products: ProductsTable;
  editions: EditionsTable;
  product_keys: ProductKeysTable;
  activations: ActivationsTable;
  signing_keys: SigningKeysTable;
  rate_counters: RateCountersTable;
  cases: CasesTable;
  case_ccs: CaseCcsTable;
  case_comments: CaseCommentsTable;
  case_events: CaseEventsTable;
  case_views: CaseViewsTable;
  case_search: CaseSearchTable;
  case_counts: CaseCountsTable;
  uploads: UploadsTable;
  attachments: AttachmentsTable;
  upload_locks: UploadLocksTable;
  invoices: InvoicesTable;
  invoice_totals: InvoiceTotalsTable;
  invoice_number_suffixes: InvoiceNumberSuffixesTable;
  api_tokens: ApiTokensTable;
  invoice_lines: InvoiceLinesTable;
  payments: PaymentsTable;
  webhook_events: WebhookEventsTable;
  checkout_sessions: CheckoutSessionsTable;
  invoice_reminders: InvoiceRemindersTable;
  releases: ReleasesTable;
  release_artifacts: ReleaseArtifactsTable;
  report_subscriptions: ReportSubscriptionsTable;
  mail_attachments: MailAttachmentsTable;
}
