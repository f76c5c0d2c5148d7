import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { PlaceFilter } from '../unsafe-places/queries.ts';
import type { UnsafePlace } from '../unsafe-places/schemas.ts';
import * as places from '../unsafe-places/service.ts';
import { lastSchemaChange } from './queries.ts';
import type { Open311Discovery, Open311Request, Open311Service, Open311ServiceDefinition, PostRequestBody, RequestsQuery } from './schemas.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** The spec's default and largest window of GET requests, and its default volume. */
export const WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;

const w3c = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const list = (value: string) => [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))];

/** Errors Open311 answers with 404 carry the catalog key of their message. */
export const open311NotFound = (key: 'open311.unknown_service' | 'open311.request_not_found', params: Record<string, string>) =>
  new AppError('NOT_FOUND', { open311: key, ...params });

const privacyNotice = (ctx: AppContext, locale: Locale) => translate('open311.privacy', locale, { metres: ctx.config.publicLocationPrecisionM });

export async function discovery(ctx: AppContext, locale: Locale, endpointUrl: string): Promise<Open311Discovery> {
  const changeset = w3c(await lastSchemaChange(ctx.db));
  return {
    changeset,
    contact: translate('open311.contact', locale, { host: new URL(endpointUrl).host }),
    key_service: `${translate('open311.key_service', locale)} ${privacyNotice(ctx, locale)}`,
    endpoints: [
      { specification: SPECIFICATION, url: endpointUrl, changeset, type: ctx.config.env === 'production' ? 'production' : 'test', formats: ['text/xml', 'application/json'] },
    ],
  };
}

export async function services(ctx: AppContext, locale: Locale): Promise<Open311Service[]> {
  const group = translate('open311.group', locale);
  return (await places.unsafePlaceCategories(ctx, locale)).map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.description,
    // The definition carries the privacy notice as an informational attribute.
    metadata: true,
    type: 'realtime',
    keywords: '',
    group,
  }));
}

export async function serviceDefinition(ctx: AppContext, locale: Locale, code: string): Promise<Open311ServiceDefinition> {
  const known = (await places.unsafePlaceCategories(ctx, locale)).some((c) => c.code === code);
  if (!known) throw open311NotFound('open311.unknown_service', { code: code.slice(0, 100) });
  return {
    service_code: code,
    attributes: [
      { variable: false, code: 'privacy_notice', datatype: 'text', required: false, datatype_description: '', order: 1, description: privacyNotice(ctx, locale), values: [] },
    ],
  };
}

/** The spec's filters as a query: ids override everything; otherwise a window of at most 90 days. */
export function requestFilter(query: RequestsQuery, now: Date): PlaceFilter {
  if (query.service_request_id) return { numbers: list(query.service_request_id), limit: MAX_REQUESTS };
  const start = query.start_date ? new Date(query.start_date) : null;
  const end = query.end_date ? new Date(query.end_date) : null;
  const to = end ?? (start ? new Date(start.getTime() + WINDOW_DAYS * DAY_MS) : now);
  const from = start ?? new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if (from > to || to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw invalidField('end_date', 'open311.date_range', { days: WINDOW_DAYS });
  const states = query.status ? (list(query.status) as ('open' | 'closed')[]) : undefined;
  return {
    from,
    to,
    limit: MAX_REQUESTS,
    ...(query.service_code ? { categories: list(query.service_code) } : {}),
    ...(states ? { states } : {}),
  };
}

/** A public report in GeoReport v2 terms; fields the public may not see are left out. */
export function toOpen311(place: UnsafePlace, locale: Locale): Open311Request {
  return {
    service_request_id: place.number,
    status: place.open ? 'open' : 'closed',
    status_notes: place.statusNote,
    service_name: place.categoryName,
    service_code: place.category,
    ...(place.description !== null ? { description: place.description } : { service_notice: translate('place.pending_review', locale) }),
    ...(place.agency !== null ? { agency_responsible: place.agency } : {}),
    requested_datetime: place.receivedHour,
    updated_datetime: place.updatedHour,
    ...(place.address !== null ? { address: place.address } : {}),
    ...(place.location ? { lat: place.location.lat, long: place.location.lon } : {}),
  };
}

export async function findRequests(ctx: AppContext, actor: Actor, query: RequestsQuery): Promise<Open311Request[]> {
  const found = await places.findUnsafePlaces(ctx, actor, requestFilter(query, new Date()));
  return found.map((p) => toOpen311(p, actor.locale));
}

export async function findRequest(ctx: AppContext, actor: Actor, id: string): Promise<Open311Request[]> {
  try {
    return [toOpen311(await places.findUnsafePlace(ctx, actor, id), actor.locale)];
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw open311NotFound('open311.request_not_found', { id: id.slice(0, 40) });
    throw err;
  }
}

/** POST requests: only what describes the place is kept; every field about the person is dropped here. */
export async function createRequest(ctx: AppContext, locale: Locale, body: PostRequestBody): Promise<{ service_request_id: string; service_notice: string }[]> {
  try {
    const { number } = await places.submitUnsafePlace(ctx, locale, {
      category: body.service_code,
      description: body.description,
      ...(body.lat !== undefined && body.long !== undefined ? { location: { lat: body.lat, lon: body.long } } : {}),
      ...(body.address_string ? { locationText: body.address_string } : {}),
    });
    return [{ service_request_id: number, service_notice: translate('place.pending_review', locale) }];
  } catch (err) {
    if (err instanceof AppError && err.fields.some((f) => f.path === 'category')) throw open311NotFound('open311.unknown_service', { code: body.service_code.slice(0, 100) });
    throw err;
  }
}
