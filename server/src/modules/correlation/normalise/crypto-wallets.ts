import { createHash } from 'node:crypto';
import { keccak256 } from './keccak.ts';

/**
 * Crypto wallet addresses, checked by their own checksums so that a mistyped address is
 * refused instead of silently correlating with nothing:
 * - Bitcoin legacy (P2PKH "1…", P2SH "3…"): Base58Check, double SHA-256 checksum;
 * - Bitcoin SegWit "bc1…": Bech32 (BIP 173) for version 0, Bech32m (BIP 350) for versions 1–16;
 * - Ethereum "0x" + 40 hex digits: mixed case must match the EIP-55 checksum.
 * Normalised: Base58 kept as is (it is case-sensitive), Bech32 and Ethereum in lower case.
 */
export type WalletNetwork = 'bitcoin' | 'ethereum';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

function base58Decode(text: string): Uint8Array | null {
  let n = 0n;
  for (const ch of text) {
    const digit = BASE58.indexOf(ch);
    if (digit < 0) return null;
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (const ch of text) {
    if (ch !== '1') break;
    bytes.unshift(0); // each leading "1" is a leading zero byte
  }
  return Uint8Array.from(bytes);
}

function bitcoinBase58Valid(address: string): boolean {
  if (!/^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(address)) return false;
  const bytes = base58Decode(address);
  if (!bytes || bytes.length !== 25 || (bytes[0] !== 0x00 && bytes[0] !== 0x05)) return false;
  const checksum = sha256(sha256(bytes.subarray(0, 21))).subarray(0, 4);
  return checksum.every((b, i) => b === bytes[21 + i]);
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: number[]): number {
  const generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= generator[i]!;
  }
  return chk >>> 0;
}

const hrpExpand = (hrp: string) => [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];

function bitcoinBech32Valid(address: string): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false; // mixed case is invalid
  const lower = address.toLowerCase();
  if (!/^bc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{8,87}$/.test(lower)) return false;
  const data = [...lower.slice(3)].map((c) => BECH32.indexOf(c));
  const version = data[0]!;
  const check = polymod([...hrpExpand('bc'), ...data]);
  if (version > 16 || check !== (version === 0 ? BECH32_CONST : BECH32M_CONST)) return false;
  // The witness program: 5-bit groups after the version, less the 6 checksum characters.
  const programBits = (data.length - 7) * 5;
  const programBytes = Math.floor(programBits / 8);
  if (programBits - programBytes * 8 > 4) return false;
  if (version === 0) return programBytes === 20 || programBytes === 32;
  return programBytes >= 2 && programBytes <= 40;
}

function ethereumValid(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  const hex = address.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true; // no checksum to check
  const hash = keccak256(new TextEncoder().encode(hex.toLowerCase()));
  return [...hex].every((ch, i) => {
    if (!/[a-fA-F]/.test(ch)) return true;
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    return nibble >= 8 ? ch === ch.toUpperCase() : ch === ch.toLowerCase();
  });
}

/** The normalised address and its network, or null when it is not a valid address. */
export function normaliseWallet(raw: string): { value: string; network: WalletNetwork } | null {
  const address = raw.trim();
  if (/^0x/i.test(address)) return ethereumValid(`0x${address.slice(2)}`) ? { value: `0x${address.slice(2).toLowerCase()}`, network: 'ethereum' } : null;
  if (/^bc1/i.test(address)) return bitcoinBech32Valid(address) ? { value: address.toLowerCase(), network: 'bitcoin' } : null;
  return bitcoinBase58Valid(address) ? { value: address, network: 'bitcoin' } : null;
}
