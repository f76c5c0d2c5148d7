import { createHmac, randomBytes, randomInt } from 'node:crypto';

/** Letters and digits a person copies without confusion (no 0/O, 1/I/L). */
const PASSPHRASE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * Receipt numbers (16 digits) and passphrases (5 groups of 4 characters, ~98 bits). With an
 * idempotency key both are derived from it under a server secret, so a reporter whose
 * connection dropped gets the same pair back when retrying, without the server keeping
 * either; without one they are random.
 */
export function receiptAndPassphrase(secret: string, idempotencyKey: string | undefined): { receipt: string; passphrase: string } {
  const bytes = idempotencyKey
    ? createHmac('sha256', secret).update(`tip-credentials\n${idempotencyKey}`).digest()
    : randomBytes(32);
  let receipt = '';
  for (let i = 0; i < 16; i++) receipt += String(bytes[i]! % 10); // modulo bias of 6/256 per digit: acceptable for an identifier
  receipt = receipt.replace(/^0/, String(1 + (bytes[16]! % 9)));
  const groups: string[] = [];
  for (let g = 0; g < 5; g++) {
    let group = '';
    for (let c = 0; c < 4; c++) {
      const byte = idempotencyKey ? bytes[12 + g * 4 + c]! : randomInt(256);
      group += PASSPHRASE_ALPHABET[byte % PASSPHRASE_ALPHABET.length];
    }
    groups.push(group);
  }
  return { receipt, passphrase: groups.join('-') };
}

/** The keyed hash under which a receipt number is looked up (the number itself is never stored). */
export const receiptKey = (secret: string, receipt: string) => createHmac('sha256', secret).update(`tip-receipt\n${receipt}`).digest('hex');

/** Accepts the receipt as printed or typed with spaces or dashes. */
export const normaliseReceipt = (receipt: string) => receipt.replace(/[\s-]/g, '');

export const normalisePassphrase = (passphrase: string) => passphrase.trim().toUpperCase();
