/**
 * The form fields of each entity type, mapped onto its attributes. Empty fields are left out,
 * so the server's defaults apply; lists are written comma-separated.
 */
export type FieldKind = 'text' | 'textarea' | 'date' | 'datetime' | 'number' | 'list' | 'select' | 'country';
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  options?: readonly string[];
}

const f = (name: string, kind: FieldKind = 'text', extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, kind, ...extra });

export const ENTITY_TYPES = ['person', 'criminal_group', 'vehicle', 'phone', 'financial_account', 'place', 'shipment', 'seizure', 'document'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ENTITY_FIELDS: Record<EntityType, FieldSpec[]> = {
  person: [f('fullName', 'text', { required: true }), f('aliases', 'list'), f('dateOfBirth', 'date'), f('nationalities', 'list'), f('description', 'textarea')],
  criminal_group: [f('name', 'text', { required: true }), f('aliases', 'list'), f('activities', 'list'), f('area'), f('description', 'textarea')],
  vehicle: [f('plate'), f('plateCountry', 'country'), f('vin'), f('make'), f('model'), f('colour'), f('description', 'textarea')],
  phone: [f('number', 'text', { required: true }), f('country', 'country'), f('imei'), f('carrier'), f('description', 'textarea')],
  financial_account: [
    f('accountKind', 'select', { required: true, options: ['bank', 'card', 'crypto_wallet'] }),
    f('iban'), f('accountNumber'), f('bankName'), f('cardNumber'), f('address'), f('holderName'),
  ],
  place: [f('name', 'text', { required: true }), f('placeKind', 'select', { options: ['address', 'port', 'airport', 'airstrip', 'border_crossing', 'warehouse', 'farm', 'laboratory', 'other'] }), f('address'), f('country', 'country'), f('description', 'textarea')],
  shipment: [f('description', 'text', { required: true }), f('mode', 'select', { required: true, options: ['land', 'sea', 'air', 'river', 'post', 'other'] }), f('origin'), f('destination'), f('containerNumber'), f('trackingNumber')],
  seizure: [
    f('substance', 'select', { required: true, options: ['cocaine', 'cocaine_base', 'cannabis', 'heroin', 'methamphetamine', 'fentanyl', 'precursors', 'cash', 'firearms', 'other'] }),
    f('quantity', 'number', { required: true }), f('unit', 'text', { required: true }), f('place', 'text', { required: true }), f('seizedAt', 'datetime', { required: true }), f('description', 'textarea'),
  ],
  document: [f('documentType', 'select', { required: true, options: ['passport', 'national_id', 'driving_licence', 'residence_permit', 'visa', 'tax_id', 'vehicle_registration', 'other'] }), f('number', 'text', { required: true }), f('issuingCountry', 'country'), f('expiresOn', 'date'), f('holderName')],
};

/** Which account fields belong to which kind of account. */
const ACCOUNT_FIELDS: Record<string, string[]> = {
  bank: ['iban', 'accountNumber', 'bankName', 'holderName'],
  card: ['cardNumber', 'holderName'],
  crypto_wallet: ['address'],
};

export function fieldsOf(type: EntityType, values: Record<string, string>): FieldSpec[] {
  if (type !== 'financial_account') return ENTITY_FIELDS[type];
  const kind = values.accountKind || 'bank';
  return ENTITY_FIELDS.financial_account.filter((s) => s.name === 'accountKind' || ACCOUNT_FIELDS[kind]!.includes(s.name));
}

/** The attributes the server expects, from the form's text values. */
export function attributesFrom(type: EntityType, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of fieldsOf(type, values)) {
    const raw = (values[spec.name] ?? '').trim();
    if (!raw) continue;
    if (spec.kind === 'list') out[spec.name] = raw.split(',').map((s) => s.trim()).filter(Boolean);
    else if (spec.kind === 'number') out[spec.name] = Number(raw);
    else if (spec.kind === 'datetime') out[spec.name] = new Date(raw).toISOString();
    else if (spec.kind === 'country') out[spec.name] = raw.toUpperCase();
    else out[spec.name] = raw;
  }
  if (type === 'financial_account' && !out.accountKind) out.accountKind = 'bank';
  return out;
}
