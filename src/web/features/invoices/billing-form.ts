import type { AccountBilling, AccountPatch, Address } from './api/invoices';

/** An address as the form edits it: every field a string, '' for empty. */
export type AddressFields = Record<'company' | 'attention' | 'line1' | 'line2' | 'postalCode' | 'city' | 'region' | 'country', string>;
export const ADDRESS_FIELDS = ['company', 'attention', 'line1', 'line2', 'postalCode', 'city', 'region', 'country'] as const;
/** What an address needs; the other fields may stay empty. */
export const REQUIRED_ADDRESS_FIELDS = ['company', 'line1', 'postalCode', 'city', 'country'] as const;

export type BillingFields = {
  billingAddress: AddressFields;
  sameAsBilling: boolean;
  shippingAddress: AddressFields;
  contactName: string;
  contactEmail: string;
  vatId: string;
  poReference: string;
};

type AddressOut = NonNullable<AccountBilling['billingAddress']>;

export const emptyAddress = (): AddressFields => ({ company: '', attention: '', line1: '', line2: '', postalCode: '', city: '', region: '', country: '' });

function addressFields(a: AddressOut | null): AddressFields {
  if (!a) return emptyAddress();
  return {
    company: a.company,
    attention: a.attention ?? '',
    line1: a.line1,
    line2: a.line2 ?? '',
    postalCode: a.postalCode,
    city: a.city,
    region: a.region ?? '',
    country: a.country,
  };
}

/** The form's start: what the account holds now. No shipping address means "same as billing". */
export function billingFields(b: AccountBilling): BillingFields {
  return {
    billingAddress: addressFields(b.billingAddress),
    sameAsBilling: b.shippingAddress === null,
    shippingAddress: addressFields(b.shippingAddress ?? b.billingAddress),
    contactName: b.billingContact?.name ?? '',
    contactEmail: b.billingContact?.email ?? '',
    vatId: b.vatId ?? '',
    poReference: b.poReference ?? '',
  };
}

const blank = (a: AddressFields) => ADDRESS_FIELDS.every((f) => a[f].trim() === '');

/** The required fields an address still lacks (none when it is complete or wholly empty). */
export function missingAddressFields(a: AddressFields): (typeof REQUIRED_ADDRESS_FIELDS)[number][] {
  if (blank(a)) return [];
  return REQUIRED_ADDRESS_FIELDS.filter((f) => a[f].trim() === '');
}

function toAddress(a: AddressFields): Address | null {
  if (blank(a)) return null;
  const opt = (v: string) => (v.trim() ? v.trim() : null);
  return {
    company: a.company.trim(),
    attention: opt(a.attention),
    line1: a.line1.trim(),
    line2: opt(a.line2),
    postalCode: a.postalCode.trim(),
    city: a.city.trim(),
    region: opt(a.region),
    country: a.country.trim().toUpperCase(),
  };
}

/** The PATCH body: the whole of Kontodaten as the form shows it (empty fields clear their value). */
export function billingPatch(f: BillingFields): AccountPatch {
  const name = f.contactName.trim();
  const email = f.contactEmail.trim();
  return {
    billingAddress: toAddress(f.billingAddress),
    shippingAddress: f.sameAsBilling ? null : toAddress(f.shippingAddress),
    billingContact: name || email ? { name, email } : null,
    vatId: f.vatId.trim() || null,
    poReference: f.poReference.trim() || null,
  };
}
