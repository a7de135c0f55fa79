import { createError } from '../../app/errors.js';

/** Unknown, malformed, suspended and revoked keys all answer exactly this: nothing to learn by guessing. */
export const invalidKey = createError({ code: 'license.invalid_key', status: 403, message: 'This product key is not valid' });
export const licenseExpired = createError({ code: 'license.expired', status: 403, message: 'The subscription of this product key has ended' });
export const noSeatsLeft = createError({ code: 'license.no_seats_left', status: 409, message: 'Every seat of this product key is in use: release one in the customer portal' });
export const notActivated = createError({ code: 'license.not_activated', status: 404, message: 'This machine is not activated with this product key' });
export const badRequestFile = createError({ code: 'license.bad_request_file', status: 400, message: 'The file is not a valid, unchanged Portico request file' });
export const badCertificate = createError({ code: 'license.bad_certificate', status: 400, message: 'The licence in the file is not valid for this key and machine' });
