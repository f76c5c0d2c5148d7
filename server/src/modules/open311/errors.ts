import type { AppError } from '../../platform/errors/app-error.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { Locale } from '../../platform/i18n/locale.ts';

/** Names of the web API's fields in GeoReport v2 terms, for errors raised below the Open311 layer. */
const SPEC_FIELD: Record<string, string> = { category: 'service_code', 'location.lat': 'lat', 'location.lon': 'long', locationText: 'address_string', location: '' };

/**
 * An error as GeoReport v2 writes it: a list of {code, description}, the code being the HTTP
 * status, one entry per offending field, each described in the caller's language.
 */
export function open311ErrorList(error: AppError, locale: Locale, requestId: string): { code: number; description: string }[] {
  const code = error.status;
  if (typeof error.params.open311 === 'string') return [{ code, description: translate(error.params.open311, locale, error.params) }];
  if (error.fields.length > 0) {
    return error.fields.map((f) => {
      const path = f.path.replace(/^(querystring|params)\.?/, '');
      const field = SPEC_FIELD[path] ?? path;
      const message = translate(f.code, locale, f.params);
      return { code, description: field ? `${field}: ${message}` : message };
    });
  }
  const key = error.code === 'UNSUPPORTED_MEDIA_TYPE' ? 'open311.media_type' : error.code;
  return [{ code, description: translate(key, locale, { ...error.params, requestId }) }];
}
