import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA_PATH, generateClientSchema } from '../../scripts/generate-api-client.ts';

describe('typed API client of the web app', () => {
  it('is generated from the current OpenAPI document (run `npm run api:generate` after changing a route schema)', async () => {
    expect(readFileSync(CLIENT_SCHEMA_PATH, 'utf8')).toBe(await generateClientSchema());
  });
});
