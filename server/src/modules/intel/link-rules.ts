import type { IntelEntityType, IntelLinkType } from '../../platform/db/schema.ts';

type Ends = { from: readonly IntelEntityType[] | 'any'; to: readonly IntelEntityType[] | 'any' };

const ACTORS = ['person', 'criminal_group'] as const;
const MEANS = ['vehicle', 'phone', 'financial_account', 'place', 'document'] as const;
const EVENTS = ['shipment', 'seizure'] as const;

/**
 * Which kinds of entity each relationship connects (source → target). Links read in the
 * direction of their name: a person "member_of" a group, a seizure "seized_from" a vehicle.
 */
export const LINK_ENDS: Record<IntelLinkType, Ends> = {
  member_of: { from: ACTORS, to: ['criminal_group'] },
  leads: { from: ACTORS, to: ['criminal_group'] },
  associate_of: { from: ACTORS, to: ACTORS },
  relative_of: { from: ['person'], to: ['person'] },
  uses: { from: ACTORS, to: MEANS },
  owns: { from: ACTORS, to: ['vehicle', 'phone', 'financial_account', 'place'] },
  located_at: { from: 'any', to: ['place'] },
  transported: { from: ['person', 'criminal_group', 'vehicle'], to: EVENTS },
  paid: { from: [...ACTORS, 'financial_account'], to: [...ACTORS, 'financial_account'] },
  communicated_with: { from: ['person', 'phone'], to: ['person', 'phone'] },
  involved_in: { from: [...ACTORS, ...MEANS], to: EVENTS },
  seized_from: { from: ['seizure'], to: ['person', 'criminal_group', 'vehicle', 'place', 'shipment'] },
  same_as: { from: 'any', to: 'any' },
};

const allows = (ends: Ends['from'], type: IntelEntityType) => ends === 'any' || ends.includes(type);

/** True when a link of this type may go from an entity of type `source` to one of type `target`. */
export function linkFits(type: IntelLinkType, source: IntelEntityType, target: IntelEntityType): boolean {
  const ends = LINK_ENDS[type];
  if (type === 'same_as') return source === target;
  return allows(ends.from, source) && allows(ends.to, target);
}
