import { describe, expect, it } from 'vitest';
import { billingFields, billingPatch, emptyAddress, missingAddressFields } from './billing-form';

const address = { company: 'Beispiel GmbH', attention: null, line1: 'Hauptstr. 1', line2: null, postalCode: '10117', city: 'Berlin', region: null, country: 'DE' };

describe('Kontodaten form', () => {
  it('starts from the account: no shipping address means "same as billing"', () => {
    const f = billingFields({ billingAddress: address, shippingAddress: null, billingContact: null, vatId: 'DE123456789', poReference: null });
    expect(f.sameAsBilling).toBe(true);
    expect(f.shippingAddress.company).toBe('Beispiel GmbH');
    expect(f.contactName).toBe('');
    expect(billingPatch(f)).toEqual({ billingAddress: address, shippingAddress: null, billingContact: null, vatId: 'DE123456789', poReference: null });
  });

  it('sends a separate shipping address, trims, and clears emptied fields', () => {
    const f = billingFields({ billingAddress: address, shippingAddress: { ...address, line1: 'Lager 4' }, billingContact: { name: 'A', email: 'a@b.example' }, vatId: null, poReference: 'PO-1' });
    expect(f.sameAsBilling).toBe(false);
    const patch = billingPatch({ ...f, poReference: '  ', vatId: ' de 123 ', billingAddress: { ...f.billingAddress, line2: ' Hof ' } });
    expect(patch.shippingAddress?.line1).toBe('Lager 4');
    expect(patch.billingAddress?.line2).toBe('Hof');
    expect(patch.poReference).toBeNull();
    expect(patch.vatId).toBe('de 123');
    expect(patch.billingContact).toEqual({ name: 'A', email: 'a@b.example' });
  });

  it('names the required fields a started address lacks', () => {
    expect(missingAddressFields(emptyAddress())).toEqual([]);
    expect(missingAddressFields({ ...emptyAddress(), company: 'X', city: 'Y' })).toEqual(['line1', 'postalCode', 'country']);
  });
});
