import type { Actor } from '../../platform/auth/actor.ts';
import { LOCALES } from '../../platform/i18n/locale.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { demoAccountsExist } from '../demo/service.ts';
import { fitExtent, LATIN_AMERICA } from './map-view.ts';
import * as q from './queries.ts';
import type { PublicConfig } from './schemas.ts';

/**
 * What the web application needs before anyone signs in; public by nature (no secrets, no
 * records). The map opens on the platform's jurisdictions, or on Latin America without any.
 */
export async function publicConfig(ctx: AppContext, _actor: Actor): Promise<PublicConfig> {
  const [extent, demo] = await Promise.all([q.jurisdictionsExtent(ctx.db), demoAccountsExist(ctx)]);
  return {
    defaultLocale: ctx.config.defaultLocale,
    locales: [...LOCALES],
    demo,
    map: { tileUrl: ctx.config.map.tileUrl, tileAttribution: ctx.config.map.tileAttribution, ...fitExtent(extent ?? LATIN_AMERICA) },
  };
}
