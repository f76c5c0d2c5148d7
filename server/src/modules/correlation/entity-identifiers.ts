import type { IntelEntityType } from '../../platform/db/schema.ts';
import type { FieldIssue } from '../../platform/errors/app-error.ts';
import type { AnyEntityAttributes, EntityAttributes } from '../intel/attributes.ts';
import type { IdentifierKind } from './identifier-kinds.ts';
import { displayIdentifier, normaliseIdentifier } from './normalise/index.ts';

/** An identifier written somewhere in an entity, before normalisation. */
interface Written {
  kind: IdentifierKind;
  raw: string;
  country: string | null;
  /** Field path for error messages, e.g. "attributes.number" or "identifiers.2.value". */
  path: string;
}

export interface IndexValue {
  kind: IdentifierKind;
  value: string;
}

/** The identifiers in an entity's type-specific attributes (its phone number, plate, IBAN…). */
function fromAttributes(type: IntelEntityType, attributes: AnyEntityAttributes, defaultCountry: string | null): Written[] {
  const out: Written[] = [];
  const add = (kind: IdentifierKind, raw: string | null | undefined, path: string, country: string | null = defaultCountry) => {
    if (raw) out.push({ kind, raw, country, path: `attributes.${path}` });
  };
  switch (type) {
    case 'vehicle': {
      const v = attributes as EntityAttributes['vehicle'];
      add('plate', v.plate, 'plate', v.plateCountry ?? defaultCountry);
      add('vin', v.vin, 'vin');
      break;
    }
    case 'phone': {
      const p = attributes as EntityAttributes['phone'];
      add('phone', p.number, 'number', p.country ?? defaultCountry);
      add('imei', p.imei, 'imei');
      break;
    }
    case 'financial_account': {
      const f = attributes as EntityAttributes['financial_account'];
      if (f.accountKind === 'bank') {
        add('iban', f.iban, 'iban');
        add('bank_account', f.accountNumber, 'accountNumber');
      } else if (f.accountKind === 'card') add('card', f.cardNumber, 'cardNumber');
      else add('crypto_wallet', f.address, 'address');
      break;
    }
    case 'shipment':
      add('container', (attributes as EntityAttributes['shipment']).containerNumber, 'containerNumber');
      break;
    case 'document':
      add('document', (attributes as EntityAttributes['document']).number, 'number');
      break;
    default:
      break;
  }
  return out;
}

export interface EntityIndex {
  values: IndexValue[];
  /** How the entity's own identifier (its number, plate, account) is shown, for its label. */
  primaryDisplay: string | null;
  issues: FieldIssue[];
}

/**
 * Normalises every identifier of an entity: those in its attributes and those listed beside
 * them. Phones and plates without a country are read in `defaultCountry` (the owner
 * organisation's). Malformed ones become field issues naming the expected format.
 */
export function indexEntity(
  type: IntelEntityType,
  attributes: AnyEntityAttributes,
  listed: readonly { kind: IdentifierKind; value: string; country?: string | undefined }[],
  defaultCountry: string | null,
): EntityIndex {
  const written = [
    ...fromAttributes(type, attributes, defaultCountry),
    ...listed.map((l, i) => ({ kind: l.kind, raw: l.value, country: l.country ?? defaultCountry, path: `identifiers.${i}.value` })),
  ];
  const values = new Map<string, IndexValue>();
  const issues: FieldIssue[] = [];
  let primaryDisplay: string | null = null;
  written.forEach((w, i) => {
    const n = normaliseIdentifier(w.kind, w.raw, w.country);
    if (!n.ok) {
      issues.push({ path: w.path, code: n.code, ...(n.params ? { params: n.params } : {}) });
      return;
    }
    if (i === 0 && w.path.startsWith('attributes.')) primaryDisplay = w.kind === 'plate' ? n.value.split(':')[1]! : displayIdentifier(w.kind, n.value);
    values.set(`${w.kind}\u0000${n.value}`, { kind: w.kind, value: n.value });
  });
  return { values: [...values.values()], primaryDisplay, issues };
}
