import type { IntelEntityType } from '../../platform/db/schema.ts';
import type { AnyEntityAttributes, EntityAttributes } from './attributes.ts';

/**
 * What an entity is called in lists and searches, from its attributes. An entity that is an
 * identifier (a phone, a vehicle, an account, a document) is called by that identifier in the
 * normalised form the correlation index gives it (`primary`), so that the same number is
 * listed the same way whoever wrote it.
 */
export function entityLabel(type: IntelEntityType, attributes: AnyEntityAttributes, primary: string | null): string {
  switch (type) {
    case 'person':
      return (attributes as EntityAttributes['person']).fullName;
    case 'criminal_group':
      return (attributes as EntityAttributes['criminal_group']).name;
    case 'vehicle': {
      const v = attributes as EntityAttributes['vehicle'];
      return primary ?? v.plate ?? v.vin ?? type;
    }
    case 'phone':
      return primary ?? (attributes as EntityAttributes['phone']).number;
    case 'financial_account': {
      const f = attributes as EntityAttributes['financial_account'];
      // A card is called by its last four digits, as on receipts.
      if (f.accountKind === 'card') return `•••• ${f.cardNumber.replace(/\D/g, '').slice(-4)}`;
      return primary ?? (f.accountKind === 'bank' ? (f.iban ?? f.accountNumber ?? type) : f.address);
    }
    case 'place':
      return (attributes as EntityAttributes['place']).name;
    case 'shipment':
      return (attributes as EntityAttributes['shipment']).description;
    case 'seizure': {
      const s = attributes as EntityAttributes['seizure'];
      return `${s.quantity} ${s.unit} ${s.substanceDetail ?? s.substance}`;
    }
    case 'document': {
      const d = attributes as EntityAttributes['document'];
      return [d.issuingCountry, primary ?? d.number].filter(Boolean).join(' ');
    }
  }
}
