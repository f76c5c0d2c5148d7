/** Luhn (ISO/IEC 7812-1) check of a string of digits: payment cards and IMEIs. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 7064 MOD 97-10 of an IBAN: the country and check digits moved to the end, letters as 10–35. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/** ISO 6346 letter values: A=10 upwards, skipping 11, 22 and 33 (multiples of eleven). */
const CONTAINER_LETTER_VALUES = (() => {
  const values = new Map<string, number>();
  let value = 10;
  for (let c = 65; c <= 90; c++) {
    if (value % 11 === 0) value += 1;
    values.set(String.fromCharCode(c), value);
    value += 1;
  }
  return values;
})();

/** ISO 6346 check digit of a freight container number (owner code, category, serial, check digit). */
export function containerCheckDigitValid(code: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = code[i]!;
    sum += (CONTAINER_LETTER_VALUES.get(ch) ?? Number(ch)) * 2 ** i;
  }
  return (sum % 11) % 10 === Number(code[10]);
}
