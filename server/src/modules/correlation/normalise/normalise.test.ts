import { describe, expect, it } from 'vitest';
import type { IdentifierKind } from '../identifier-kinds.ts';
import { displayIdentifier, normaliseIdentifier } from './index.ts';

const value = (kind: IdentifierKind, raw: string, country: string | null = null) => {
  const n = normaliseIdentifier(kind, raw, country);
  return n.ok ? n.value : n.code;
};

describe('identifier normalisation', () => {
  it('writes phones in E.164, reading national numbers in the given region', () => {
    expect(value('phone', '300 123 4567', 'CO')).toBe('+573001234567');
    expect(value('phone', '+57 (300) 123-4567', 'US')).toBe('+573001234567');
    expect(value('phone', '(503) 823-3333', 'US')).toBe('+15038233333');
    expect(value('phone', '12', 'CO')).toBe('identifier.phone');
    expect(displayIdentifier('phone', '+573001234567')).toBe('+57 300 1234567');
  });

  it('keeps plates in upper case without separators, per country format', () => {
    expect(value('plate', 'abc-123', 'CO')).toBe('CO:ABC123');
    expect(value('plate', 'ABC 1D23', 'BR')).toBe('BR:ABC1D23');
    expect(value('plate', 'AB 123 CD', 'AR')).toBe('AR:AB123CD');
    expect(value('plate', 'BC·DF·12', 'CL')).toBe('CL:BCDF12');
    expect(value('plate', '12345', 'CO')).toBe('identifier.plate');
    expect(normaliseIdentifier('plate', '12345', 'CO')).toEqual({ ok: false, code: 'identifier.plate', params: { country: 'CO', examples: 'ABC123, ABC12D' } });
    expect(value('plate', 'ABC123', null)).toBe('identifier.plate_country');
    expect(displayIdentifier('plate', 'CO:ABC123')).toBe('ABC123 (CO)');
  });

  it('checks IBANs by length and the ISO 7064 mod-97 check digits', () => {
    expect(value('iban', 'de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(value('iban', 'GB82 WEST 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
    expect(value('iban', 'DE89 3704 0044 0532 0130 01')).toBe('identifier.iban_checksum');
    expect(value('iban', 'DE89 3704 0044 0532 0130')).toBe('identifier.iban_length');
    expect(value('iban', '12345')).toBe('identifier.iban');
    expect(displayIdentifier('iban', 'DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });

  it('checks Bitcoin Base58Check and Bech32/Bech32m, and Ethereum EIP-55 checksums', () => {
    expect(value('crypto_wallet', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toBe('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    expect(value('crypto_wallet', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb')).toBe('identifier.crypto_wallet');
    expect(value('crypto_wallet', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy')).toBe('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy');
    expect(value('crypto_wallet', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')).toBe('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
    expect(value('crypto_wallet', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toBe('identifier.crypto_wallet');
    expect(value('crypto_wallet', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0')).toBe('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0');
    expect(value('crypto_wallet', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
    expect(value('crypto_wallet', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359')).toBe('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359');
    expect(value('crypto_wallet', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toBe('identifier.crypto_wallet');
    expect(value('crypto_wallet', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
  });

  it('checks cards and IMEIs with Luhn, containers with ISO 6346, VINs by ISO 3779 characters', () => {
    expect(value('card', '4111 1111 1111 1111')).toBe('4111111111111111');
    expect(value('card', '4111 1111 1111 1112')).toBe('identifier.card');
    expect(value('imei', '49-015420-323751-8')).toBe('490154203237518');
    expect(value('imei', '490154203237519')).toBe('identifier.imei');
    expect(value('container', 'CSQU 305438 3')).toBe('CSQU3054383');
    expect(value('container', 'CSQU3054384')).toBe('identifier.container');
    expect(value('vin', '1m8gdm9axkp042788')).toBe('1M8GDM9AXKP042788');
    expect(value('vin', '1M8GDM9AXKP04278I')).toBe('identifier.vin');
  });

  it('writes e-mail addresses and document numbers in one form', () => {
    expect(value('email', ' Ana.Perez@Ejemplo.COM ')).toBe('ana.perez@ejemplo.com');
    expect(value('email', 'ana@bücher.de')).toBe('ana@xn--bcher-kva.de');
    expect(value('email', 'ana@')).toBe('identifier.email');
    expect(value('email', 'ana perez@example.org')).toBe('identifier.email');
    expect(value('document', 'pe 123-456')).toBe('PE123456');
    expect(value('document', 'AB')).toBe('identifier.document');
    expect(value('bank_account', '0123-4567-89')).toBe('0123456789');
  });
});
