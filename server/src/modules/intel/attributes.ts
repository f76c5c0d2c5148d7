import { z } from 'zod';
import type { IntelEntityType } from '../../platform/db/schema.ts';

/**
 * The type-specific attributes of each kind of entity. Identifiers in them (a phone number, a
 * plate, an IBAN…) are also normalised into the correlation index; `label` is what lists and
 * searches show.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullable().default(null);
const description = z.string().trim().max(4000).default('');
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'intel.country_code').describe('ISO 3166-1 alpha-2');
const optionalCountry = CountryCode.nullable().default(null);
const Point = z.object({
  lon: z.number().min(-180, 'geojson.longitude').max(180, 'geojson.longitude'),
  lat: z.number().min(-90, 'geojson.latitude').max(90, 'geojson.latitude'),
}).describe('WGS 84');
const Instant = z.iso.datetime({ offset: true });
const names = z.array(text(200)).max(50).default([]);

export const PersonAttributes = z.strictObject({
  fullName: text(200),
  aliases: names,
  dateOfBirth: z.iso.date().nullable().default(null),
  placeOfBirth: optionalText(200),
  nationalities: z.array(CountryCode).max(10).default([]),
  gender: z.enum(['female', 'male', 'other', 'unknown']).default('unknown'),
  description,
});

export const CriminalGroupAttributes = z.strictObject({
  name: text(200),
  aliases: names,
  activities: z.array(text(100)).max(50).default([]).describe('e.g. cocaine trafficking, extortion'),
  area: optionalText(500).describe('Where it operates, in words'),
  description,
});

export const VEHICLE_KINDS = ['car', 'motorcycle', 'truck', 'bus', 'van', 'boat', 'aircraft', 'other'] as const;
export const VehicleAttributes = z
  .strictObject({
    vehicleKind: z.enum(VEHICLE_KINDS).default('car'),
    plate: optionalText(20),
    plateCountry: optionalCountry.describe("Country of the plate; defaults to the owner organisation's"),
    vin: optionalText(30),
    make: optionalText(100),
    model: optionalText(100),
    colour: optionalText(50),
    year: z.number().int().min(1900).max(2100).nullable().default(null),
    description,
  })
  .refine((v) => v.plate !== null || v.vin !== null, { message: 'intel.vehicle_needs_plate_or_vin', path: ['plate'] });

export const PhoneAttributes = z.strictObject({
  number: text(40),
  country: optionalCountry.describe("Region for numbers written without +; defaults to the owner organisation's"),
  imei: optionalText(20),
  carrier: optionalText(100),
  description,
});

const BankAccount = z
  .strictObject({
    accountKind: z.literal('bank'),
    iban: optionalText(50),
    accountNumber: optionalText(40),
    bankName: optionalText(200),
    country: optionalCountry,
    holderName: optionalText(200),
    currency: z.string().regex(/^[A-Z]{3}$/, 'intel.currency_code').nullable().default(null),
    description,
  })
  .refine((v) => v.iban !== null || v.accountNumber !== null, { message: 'intel.account_needs_number', path: ['iban'] });
const CardAccount = z.strictObject({
  accountKind: z.literal('card'),
  cardNumber: text(30),
  issuer: optionalText(200),
  holderName: optionalText(200),
  description,
});
const CryptoWallet = z.strictObject({
  accountKind: z.literal('crypto_wallet'),
  address: text(120),
  description,
});
export const FinancialAccountAttributes = z.discriminatedUnion('accountKind', [BankAccount, CardAccount, CryptoWallet]);

export const PLACE_KINDS = ['address', 'port', 'airport', 'airstrip', 'border_crossing', 'warehouse', 'farm', 'laboratory', 'other'] as const;
export const PlaceAttributes = z.strictObject({
  name: text(200),
  placeKind: z.enum(PLACE_KINDS).default('other'),
  address: optionalText(500),
  country: optionalCountry,
  location: Point.nullable().default(null),
  description,
});

export const TRANSPORT_MODES = ['land', 'sea', 'air', 'river', 'post', 'other'] as const;
export const ShipmentAttributes = z.strictObject({
  description: text(500),
  mode: z.enum(TRANSPORT_MODES),
  origin: optionalText(200),
  destination: optionalText(200),
  via: z.array(text(200)).max(20).default([]).describe('Stops of the route, in order'),
  departedAt: Instant.nullable().default(null),
  arrivedAt: Instant.nullable().default(null),
  containerNumber: optionalText(20).describe('ISO 6346, e.g. CSQU3054383'),
  trackingNumber: optionalText(60),
});

export const SUBSTANCES = [
  'cocaine', 'cocaine_base', 'cannabis', 'heroin', 'opium', 'methamphetamine', 'amphetamine', 'mdma', 'fentanyl',
  'other_synthetic_drugs', 'precursors', 'cash', 'firearms', 'ammunition', 'explosives', 'wildlife', 'timber', 'gold',
  'fuel', 'counterfeit_goods', 'other',
] as const;
export const QUANTITY_UNITS = ['g', 'kg', 't', 'ml', 'l', 'units', 'tablets'] as const;
export const SeizureAttributes = z.strictObject({
  substance: z.enum(SUBSTANCES),
  substanceDetail: optionalText(200),
  quantity: z.number().positive().max(1e12),
  unit: z.union([z.enum(QUANTITY_UNITS), z.string().regex(/^[A-Z]{3}$/, 'intel.unit')]).describe('A unit, or an ISO 4217 currency code for cash'),
  place: text(300),
  location: Point.nullable().default(null),
  seizedAt: Instant,
  description,
});

export const DOCUMENT_TYPES = ['passport', 'national_id', 'driving_licence', 'residence_permit', 'visa', 'tax_id', 'vehicle_registration', 'other'] as const;
export const DocumentAttributes = z.strictObject({
  documentType: z.enum(DOCUMENT_TYPES),
  number: text(40),
  issuingCountry: optionalCountry,
  issuedOn: z.iso.date().nullable().default(null),
  expiresOn: z.iso.date().nullable().default(null),
  holderName: optionalText(200),
});

export const ENTITY_ATTRIBUTES = {
  person: PersonAttributes,
  criminal_group: CriminalGroupAttributes,
  vehicle: VehicleAttributes,
  phone: PhoneAttributes,
  financial_account: FinancialAccountAttributes,
  place: PlaceAttributes,
  shipment: ShipmentAttributes,
  seizure: SeizureAttributes,
  document: DocumentAttributes,
} as const satisfies Record<IntelEntityType, z.ZodType>;

export type EntityAttributes = { [T in IntelEntityType]: z.infer<(typeof ENTITY_ATTRIBUTES)[T]> };
export type AnyEntityAttributes = EntityAttributes[IntelEntityType];
