import { domainToASCII } from 'node:url';
import { isSupportedCountry, parsePhoneNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { IdentifierKind } from '../identifier-kinds.ts';
import { containerCheckDigitValid, luhnValid } from './checksums.ts';
import { normaliseWallet } from './crypto-wallets.ts';
import { normaliseIban, printIban } from './iban.ts';
import { normalisePlate } from './plates.ts';

/**
 * One canonical form per identifier, so that the same phone, plate or account written in
 * different ways is one value in the correlation index. Malformed identifiers are refused
 * with a message key that names the expected format (catalog: platform/i18n/messages.ts).
 */
export type Normalised = { ok: true; value: string } | { ok: false; code: string; params?: Record<string, string | number> };

const ok = (value: string): Normalised => ({ ok: true, value });
const bad = (code: string, params?: Record<string, string | number>): Normalised => ({ ok: false, code, ...(params ? { params } : {}) });
const alphanumeric = (raw: string) => raw.toUpperCase().replace(/[\s\-./·_]/g, '');

function phone(raw: string, country: string | null): Normalised {
  const region = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw, region);
  if (!parsed || !parsed.isValid()) return bad('identifier.phone', { country: region ?? '—' });
  return ok(parsed.number);
}

// Pragmatic, not RFC 5322: one @, no spaces, a domain of dot-separated labels with a TLD.
const EMAIL = /^[^\s@"<>(),;:\\[\]]{1,64}@([a-z0-9](-*[a-z0-9])*\.)+[a-z]{2,63}$/;

function email(raw: string): Normalised {
  const [local, domain, ...rest] = raw.trim().split('@');
  if (local === undefined || domain === undefined || rest.length > 0) return bad('identifier.email');
  // The whole address in lower case: mailbox names are case-insensitive in practice.
  const address = `${local.toLowerCase()}@${domainToASCII(domain.toLowerCase())}`;
  return EMAIL.test(address) ? ok(address) : bad('identifier.email');
}

function card(raw: string): Normalised {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) return bad('identifier.card');
  return ok(digits);
}

function imei(raw: string): Normalised {
  const digits = raw.replace(/[\s\-/]/g, '');
  return /^\d{15}$/.test(digits) && luhnValid(digits) ? ok(digits) : bad('identifier.imei');
}

/** Identifier values as the index keeps them, and as people should see them. */
export function normaliseIdentifier(kind: IdentifierKind, raw: string, country: string | null): Normalised {
  switch (kind) {
    case 'phone':
      return phone(raw, country);
    case 'email':
      return email(raw);
    case 'plate': {
      if (!country) return bad('identifier.plate_country');
      const plate = normalisePlate(raw, country);
      return 'value' in plate ? ok(plate.value) : bad('identifier.plate', { country, examples: plate.examples });
    }
    case 'iban': {
      const iban = normaliseIban(raw);
      if ('value' in iban) return ok(iban.value);
      if (iban.problem === 'length') return bad('identifier.iban_length', { expected: iban.expected! });
      return bad(iban.problem === 'checksum' ? 'identifier.iban_checksum' : 'identifier.iban');
    }
    case 'bank_account': {
      const number = alphanumeric(raw);
      return /^(?=.*\d)[A-Z0-9]{4,34}$/.test(number) ? ok(number) : bad('identifier.bank_account');
    }
    case 'card':
      return card(raw);
    case 'crypto_wallet': {
      const wallet = normaliseWallet(raw);
      return wallet ? ok(wallet.value) : bad('identifier.crypto_wallet');
    }
    case 'imei':
      return imei(raw);
    case 'document': {
      const number = alphanumeric(raw);
      return /^(?=.*\d)[A-Z0-9]{4,20}$/.test(number) ? ok(number) : bad('identifier.document');
    }
    case 'vin': {
      const vin = alphanumeric(raw);
      return /^[A-HJ-NPR-Z0-9]{17}$/.test(vin) ? ok(vin) : bad('identifier.vin');
    }
    case 'container': {
      const container = alphanumeric(raw);
      return /^[A-Z]{3}[UJZ]\d{7}$/.test(container) && containerCheckDigitValid(container) ? ok(container) : bad('identifier.container');
    }
  }
}

/** How a normalised value is shown: phones grouped internationally, plates with their country, IBANs and cards in fours. */
export function displayIdentifier(kind: IdentifierKind, value: string): string {
  switch (kind) {
    case 'phone':
      try {
        return parsePhoneNumber(value).formatInternational();
      } catch {
        return value;
      }
    case 'plate': {
      const [country, plate] = value.split(':');
      return plate ? `${plate} (${country})` : value;
    }
    case 'iban':
      return printIban(value);
    case 'card':
      return value.replace(/(\d{4})(?=\d)/g, '$1 ');
    default:
      return value;
  }
}
