/**
 * Vehicle registration plates, per country of registration: compared in upper case without
 * spaces, hyphens, dots or middle dots, and checked against the country's current and
 * previous formats. The index key carries the country ("CO:ABC123"): the same characters on
 * plates of two countries are two vehicles. Countries without a listed format get a generic
 * check (2–10 letters and digits).
 */
interface PlateFormat {
  pattern: RegExp;
  example: string;
}

const f = (pattern: RegExp, example: string): PlateFormat => ({ pattern, example });

export const PLATE_FORMATS: Record<string, PlateFormat[]> = {
  AR: [f(/^[A-Z]{2}\d{3}[A-Z]{2}$/, 'AB123CD'), f(/^[A-Z]{3}\d{3}$/, 'ABC123'), f(/^[A-Z]\d{3}[A-Z]{3}$/, 'A123BCD')],
  BO: [f(/^\d{3,4}[A-Z]{3}$/, '1234ABC')],
  BR: [f(/^[A-Z]{3}\d[A-Z]\d{2}$/, 'ABC1D23'), f(/^[A-Z]{3}\d{4}$/, 'ABC1234')],
  CL: [f(/^[BCDFGHJKLPRSTVWXYZ]{4}\d{2}$/, 'BCDF12'), f(/^[A-Z]{2}\d{4}$/, 'AB1234'), f(/^[BCDFGHJKLPRSTVWXYZ]{3}\d{2}$/, 'BCD12')],
  CO: [f(/^[A-Z]{3}\d{3}$/, 'ABC123'), f(/^[A-Z]{3}\d{2}[A-Z]$/, 'ABC12D')],
  CR: [f(/^[A-Z]{3}\d{3}$/, 'ABC123'), f(/^\d{1,6}$/, '123456')],
  DO: [f(/^[A-Z]\d{6}$/, 'A123456')],
  EC: [f(/^[A-Z]{3}\d{3,4}$/, 'ABC1234'), f(/^[A-Z]{2}\d{3}[A-Z]$/, 'AB123C')],
  GT: [f(/^[A-Z]{1,2}\d{3}[A-Z]{3}$/, 'P123ABC')],
  HN: [f(/^[A-Z]{3}\d{4}$/, 'ABC1234')],
  MX: [f(/^(?=.*\d)(?=.*[A-Z])[A-Z0-9]{5,7}$/, 'ABC123A')],
  PA: [f(/^[A-Z]{0,2}\d{4,6}$/, 'AB1234')],
  PE: [f(/^[A-Z][A-Z0-9]{2}\d{3}$/, 'A1B234'), f(/^\d{4}[A-Z]{2}$/, '1234AB')],
  PY: [f(/^[A-Z]{4}\d{3}$/, 'ABCD123'), f(/^[A-Z]{3}\d{3}$/, 'ABC123')],
  SV: [f(/^[A-Z]{1,2}\d{3,6}$/, 'P123456')],
  UY: [f(/^[A-Z]{3}\d{4}$/, 'ABC1234')],
  VE: [f(/^[A-Z]{2}\d{3}[A-Z]{2}$/, 'AB123CD'), f(/^[A-Z]{3}\d{2}[A-Z]$/, 'ABC12D')],
  // Formats differ from state to state: letters and digits, up to eight.
  US: [f(/^[A-Z0-9]{1,8}$/, '7ABC123')],
  CA: [f(/^[A-Z0-9]{2,8}$/, 'ABCD123')],
};
const GENERIC = [f(/^[A-Z0-9]{2,10}$/, 'AB1234')];

export const compactPlate = (raw: string) => raw.toUpperCase().replace(/[\s\-.·_/]/g, '');

/** "CO:ABC123", or the examples of the formats the country uses when it fits none. */
export function normalisePlate(raw: string, country: string): { value: string } | { examples: string } {
  const plate = compactPlate(raw);
  const formats = PLATE_FORMATS[country] ?? GENERIC;
  if (formats.some((format) => format.pattern.test(plate))) return { value: `${country}:${plate}` };
  return { examples: formats.map((format) => format.example).join(', ') };
}
