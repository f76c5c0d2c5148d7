import type { IdentifierKind } from '../../server/src/modules/correlation/identifier-kinds.ts';

/**
 * Identifier values of the benchmark, as people write them (`raw`): the k-th value of a kind is
 * a pure function of k, distinct for distinct k, so that nothing but two integers per value has
 * to be kept in memory. The correlation index gets them through the application's own
 * normalisation (indexEntity), which also checks that every one of them is valid.
 */
export const BENCH_KINDS = ['phone', 'email', 'plate', 'iban', 'crypto_wallet'] as const satisfies readonly IdentifierKind[];
export type BenchKind = (typeof BENCH_KINDS)[number];
/** Share of distinct values per kind. */
export const KIND_WEIGHTS: Record<BenchKind, number> = { phone: 0.35, email: 0.2, plate: 0.2, iban: 0.15, crypto_wallet: 0.1 };

export interface RawIdentifier {
  kind: BenchKind;
  raw: string;
  /** Country of a plate (plates are national); null for the others, which are written internationally. */
  country: string | null;
}

/** A bijection of [0, 2^32): murmur3's finaliser. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** k ↦ (k·p + c) mod n: a bijection of [0, n) when p is prime to n, so distinct k give distinct numbers that look random. */
const scramble = (k: number, n: number, p = 999_983) => (((k % n) * p + 7_919) % n);
const digits = (n: number, width: number) => String(n).padStart(width, '0');

// Mobile ranges that libphonenumber's metadata accepts (each value is still validated when indexed).
const PHONES: { prefix: string; width: number }[] = [
  { prefix: '+549114', width: 7 }, { prefix: '+57300', width: 7 }, { prefix: '+57310', width: 7 }, { prefix: '+5255', width: 8 },
  { prefix: '+346', width: 8 }, { prefix: '+551197', width: 7 }, { prefix: '+5695', width: 7 }, { prefix: '+549116', width: 7 },
];

function phone(k: number): string {
  const p = PHONES[k % PHONES.length]!;
  const national = digits(scramble(Math.floor(k / PHONES.length), 10 ** p.width), p.width);
  // Written with a space after the country code, as in most records.
  return `${p.prefix.slice(0, 3)} ${p.prefix.slice(3)}${national}`;
}

const FIRST = 'ana luis maria jose carlos lucia pedro sofia diego valentina juan camila miguel paula andres laura jorge elena pablo daniela'.split(' ');
const LAST = 'garcia rodriguez gonzalez fernandez lopez martinez sanchez perez gomez martin diaz silva rojas torres ramirez flores vargas castro romero herrera'.split(' ');
const DOMAINS = ['gmail.com', 'hotmail.com', 'yahoo.com.ar', 'outlook.es', 'protonmail.com', 'correo.example.co', 'uol.com.br', 'mail.example.mx'];

function email(k: number): string {
  const first = FIRST[k % 20]!;
  const last = LAST[Math.floor(k / 20) % 20]!;
  const n = Math.floor(k / 400);
  // Capitalised as people type them; the index keeps the address in lower case.
  return `${first[0]!.toUpperCase()}${first.slice(1)}.${last}${n}@${DOMAINS[n % DOMAINS.length]}`;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CL_LETTERS = 'BCDFGHJKLPRSTVWXYZ';
/** `pattern`: L a letter, D a digit; the number x in that mixed radix. */
function spell(x: number, pattern: string, letters = LETTERS): string {
  let out = '';
  for (let i = pattern.length - 1; i >= 0; i--) {
    const radix = pattern[i] === 'L' ? letters.length : 10;
    const d = x % radix;
    x = Math.floor(x / radix);
    out = (pattern[i] === 'L' ? letters[d]! : String(d)) + out;
  }
  return out;
}
const combinations = (pattern: string, letters = LETTERS) => [...pattern].reduce((n, c) => n * (c === 'L' ? letters.length : 10), 1);
const PLATES: { country: string; pattern: string; letters?: string }[] = [
  { country: 'AR', pattern: 'LLDDDLL' }, { country: 'CO', pattern: 'LLLDDD' }, { country: 'MX', pattern: 'LLLDDDL' },
  { country: 'BR', pattern: 'LLLDLDD' }, { country: 'CL', pattern: 'LLLLDD', letters: CL_LETTERS },
];

function plate(k: number): { raw: string; country: string } {
  const p = PLATES[k % PLATES.length]!;
  const x = scramble(Math.floor(k / PLATES.length), combinations(p.pattern, p.letters));
  const compact = spell(x, p.pattern, p.letters);
  // With a hyphen in the middle, as written on the plate; the index compares them compacted.
  return { raw: `${compact.slice(0, 3)}-${compact.slice(3)}`, country: p.country };
}

/** ISO 7064 mod 97-10 check digits of an IBAN with `bban`. */
function ibanCheck(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  let rest = 0;
  for (const c of numeric) rest = (rest * 10 + Number(c)) % 97;
  return digits(98 - rest, 2);
}

const BANKS: { country: string; bank: string; width: number }[] = [
  { country: 'ES', bank: '21000418', width: 12 }, { country: 'ES', bank: '00490001', width: 12 }, { country: 'PT', bank: '00070000', width: 13 },
  { country: 'DE', bank: '37040044', width: 10 },
];

function iban(k: number): string {
  const b = BANKS[k % BANKS.length]!;
  const account = digits(scramble(Math.floor(k / BANKS.length), 10 ** Math.min(b.width, 12), 1_000_003), b.width);
  const bban = `${b.bank}${account}`;
  const electronic = `${b.country}${ibanCheck(b.country, bban)}${bban}`;
  // Printed in groups of four, as on statements.
  return electronic.replace(/(.{4})(?=.)/g, '$1 ');
}

function wallet(k: number): string {
  // All-lower-case Ethereum addresses (valid without an EIP-55 checksum); the first word is a bijection of k.
  let hex = '';
  for (let i = 0; i < 5; i++) hex += mix32(i === 0 ? k : mix32(k) ^ Math.imul(i, 0x9e3779b9)).toString(16).padStart(8, '0');
  return `0x${hex}`;
}

export function rawIdentifier(kind: BenchKind, k: number): RawIdentifier {
  switch (kind) {
    case 'phone':
      return { kind, raw: phone(k), country: null };
    case 'email':
      return { kind, raw: email(k), country: null };
    case 'plate':
      return { kind, ...plate(k) };
    case 'iban':
      return { kind, raw: iban(k), country: null };
    case 'crypto_wallet':
      return { kind, raw: wallet(k), country: null };
  }
}
