/**
 * Kinds of identifiers the correlation index knows. Each has its own normalisation
 * (normalise.ts), so that the same phone, plate or account written differently is one value.
 */
export const IDENTIFIER_KINDS = [
  'phone', 'email', 'plate', 'iban', 'bank_account', 'card', 'crypto_wallet', 'imei', 'document', 'vin', 'container',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
