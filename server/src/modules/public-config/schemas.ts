import { z } from 'zod';
import { LOCALES } from '../../platform/i18n/locale.ts';

export const PublicConfig = z
  .object({
    defaultLocale: z.enum(LOCALES),
    locales: z.array(z.enum(LOCALES)),
    demo: z.boolean().describe('The fictional demo world is present (its accounts share a published password).'),
    map: z.object({
      tileUrl: z.string().nullable().describe('Raster tile URL template ({z}/{x}/{y}) of an online base map; null: offline base map only.'),
      tileAttribution: z.string().nullable(),
      center: z.tuple([z.number(), z.number()]).describe('[longitude, latitude] of the initial view.'),
      zoom: z.number(),
    }),
  })
  .meta({ id: 'PublicConfig' });
export type PublicConfig = z.infer<typeof PublicConfig>;
