import { renderMarkdown } from '../../app/markdown.js';
import { maintenanceStatus } from '../keys/key-format.js';
import { type CaseActor, caseAbilities, REOPEN_WINDOW_DAYS } from './cases.policy.js';
import type { CaseRecord, CaseSummary, CasesRepository } from './cases.repository.js';
import { responseState } from './sla.js';

type CaseRow = Omit<CaseRecord, 'ccs' | 'ccUserIds'>;
type TimelineEntry = Awaited<ReturnType<CasesRepository['timeline']>>[number];

export function presentCaseSummary(c: CaseSummary) {
  return {
    id: c.id,
    number: c.number,
    type: c.type,
    category: c.category,
    subject: c.subject,
    status: c.status,
    severity: c.severity,
    product: c.productId ? { id: c.productId, name: c.productName ?? '' } : null,
    contact: { userId: c.contactUserId, name: c.contactName, email: c.contactEmail },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    lastActivityAt: c.lastActivityAt,
  };
}

function presentCaseBody(c: CaseRecord) {
  return {
    ...presentCaseSummary(c),
    description: c.description,
    descriptionHtml: renderMarkdown(c.description),
    productVersion: c.productVersion,
    latestVersion: c.productLatestVersion,
    operatingSystem: c.operatingSystem,
    key: c.keyId
      ? {
          id: c.keyId,
          licenseKeyTail: (c.keyLicenseKey ?? '').slice(-5),
          maintenanceEnd: c.keyMaintenanceEnd,
          maintenanceStatus: maintenanceStatus(c.keyMaintenanceEnd),
          status: c.keyStatus ?? 'active',
        }
      : null,
    invoiceNumber: c.invoiceNumber,
    ccs: c.ccs,
    createdBy: { userId: c.createdByUserId, name: c.createdByName },
    relatedCase: c.relatedCaseId ? { id: c.relatedCaseId, number: c.relatedCaseNumber ?? '' } : null,
    solvedAt: c.solvedAt,
    closedAt: c.closedAt,
    reopenUntil: c.status === 'solved' && c.solvedAt ? new Date(Date.parse(c.solvedAt) + REOPEN_WINDOW_DAYS * 86_400_000).toISOString() : null,
    version: c.version,
  };
}

/** A case as its customer sees it: the assigned agent by name only, never internal data. */
export function presentCase(ca: CaseActor, c: CaseRecord) {
  return { ...presentCaseBody(c), supportAgent: c.assignedName, abilities: caseAbilities(ca, c) };
}

function staffFacts(c: CaseRow) {
  return {
    account: { id: c.accountId, name: c.accountName, number: c.accountNumber },
    assignedTo: c.assignedUserId ? { userId: c.assignedUserId, name: c.assignedName ?? '' } : null,
    firstResponseDueAt: c.firstResponseDueAt,
    firstRespondedAt: c.firstRespondedAt,
    responseState: responseState(c),
  };
}

export const presentStaffCaseSummary = (c: CaseRow) => ({ ...presentCaseSummary(c), ...staffFacts(c) });
export const presentStaffCase = (c: CaseRecord) => ({ ...presentCaseBody(c), ...staffFacts(c) });

export function presentTimelineEntry(e: TimelineEntry) {
  if (e.type === 'comment') return { ...e, bodyHtml: renderMarkdown(e.body) };
  return e;
}
