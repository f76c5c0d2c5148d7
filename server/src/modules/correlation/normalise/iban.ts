import { ibanChecksumValid } from './checksums.ts';

/**
 * IBAN lengths by country (ISO 13616 registry, as published by SWIFT) for the countries most
 * likely in the region's cases; others are checked for shape and check digits only.
 */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BR: 29, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, ES: 24, FI: 18, FR: 27, GB: 22,
  GR: 27, GT: 28, HR: 21, IE: 22, IT: 27, LU: 20, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, SE: 24, SV: 28, TR: 26, VG: 24,
  LC: 32, BA: 20,
};

/** The IBAN in its electronic form (upper case, no spaces), or why it is not one. */
export function normaliseIban(raw: string): { value: string } | { problem: 'format' | 'length' | 'checksum'; expected?: number } {
  const iban = raw.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return { problem: 'format' };
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return { problem: 'length', expected };
  if (!ibanChecksumValid(iban)) return { problem: 'checksum' };
  return { value: iban };
}

/** Groups of four, as IBANs are printed. */
export const printIban = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');
