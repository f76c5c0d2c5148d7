import type { IntelEntityType } from '../../platform/db/schema.ts';
import type { EntityAttributes } from './attributes.ts';

const compact = (text: string) => text.toUpperCase().replace(/[\s.\-_/]/g, '');

/**
 * What an entity is called in lists and searches, from its attributes. Identifiers appear in
 * the form the correlation index gives them when one is known (`display`), so that the same
 * phone number is listed the same way whoever wrote it.
 */
export function entityLabel<T extends IntelEntityType>(type: T, attributes: EntityAttributes[T], display: (raw: string) => string = (raw) => raw): string {
  const a = attributes as EntityAttributes[IntelEntityType];
  switch (type) {
    case 'person':
      return (a as EntityAttributes['person']).fullName;
    case 'criminal_group':
      return (a as EntityAttributes['criminal_group']).name;
    case 'vehicle': {
      const v = a as EntityAttributes['vehicle'];
      return v.plate !== null ? display(compact(v.plate)) : compact(v.vin ?? '');
    }
    case 'phone':
      return display((a as EntityAttributes['phone']).number);
    case 'financial_account': {
      const f = a as EntityAttributes['financial_account'];
      if (f.accountKind === 'bank') return display(f.iban ?? f.accountNumber ?? '');
      if (f.accountKind === 'card') return `•••• ${f.cardNumber.replace(/\D/g, '').slice(-4)}`;
      return f.address;
    }
    case 'place':
      return (a as EntityAttributes['place']).name;
    case 'shipment':
      return (a as EntityAttributes['shipment']).description;
    case 'seizure': {
      const s = a as EntityAttributes['seizure'];
      return `${s.quantity} ${s.unit} ${s.substanceDetail ?? s.substance}`;
    }
    case 'document': {
      const d = a as EntityAttributes['document'];
      return [d.issuingCountry, compact(d.number)].filter(Boolean).join(' ');
    }
  }
  return type;
}
