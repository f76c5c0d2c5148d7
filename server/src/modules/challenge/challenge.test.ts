import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { searchCounter } from '../../../../web/src/pow/sha256.ts';
import { api } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { leadingZeroBits, ProofOfWork, proofHash } from '../../platform/anonymity/proof-of-work.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { createOrganization } from '../organizations/service.ts';

const BITS = 8; // small, so tests stay fast; docs/anonymity.md has the measured times of real difficulties

/** Solves a challenge with the web app's own solver: the server must accept what the browser finds. */
const solve = (challenge: string, bits: number) => `${challenge}.${searchCounter(challenge, bits, 0, 1e9)!}`;

describe('proof of work, switched off (the default)', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t.stop());

  it('is not required: the challenge endpoint says so and submissions need no header', async () => {
    const challenge = await api(t.app, { url: '/api/v1/challenge' });
    expect(challenge.data).toEqual({ required: false, challenge: null, bits: 0, expiresAt: null, header: 'x-alianza-proof' });
    expect(challenge.headers['cache-control']).toBe('no-store');
    expect((await api(t.app, { method: 'POST', url: '/api/v1/tips', body: { category: 'other', body: 'sin prueba' } })).statusCode).toBe(201);
  });
});

describe('proof of work, switched on', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ config: { proofOfWorkBits: BITS } });
  });
  afterAll(async () => t.stop());

  const challenge = async () => (await api(t.app, { url: '/api/v1/challenge' })).data as { required: boolean; challenge: string; bits: number; expiresAt: string };
  const tip = (proof?: string, body: object = { category: 'other', body: `con prueba ${randomUUID()}` }, locale = 'es') =>
    api(t.app, { method: 'POST', url: '/api/v1/tips', body, headers: { 'accept-language': locale, ...(proof ? { 'x-alianza-proof': proof } : {}) } });

  it('hands out signed, expiring challenges of the configured difficulty', async () => {
    const c = await challenge();
    expect(c).toMatchObject({ required: true, bits: BITS });
    expect(c.challenge).toMatch(/^[A-Za-z0-9_-]{22}\.8\.\d{10}\.[A-Za-z0-9_-]{43}$/);
    expect(new Date(c.expiresAt).getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    expect((await challenge()).challenge).not.toBe(c.challenge);
  });

  it('refuses a submission without a proof with a localized 428', async () => {
    const r = await tip(undefined, undefined, 'en');
    expect(r.statusCode).toBe(428);
    expect(r.data.error).toMatchObject({ code: 'PROOF_OF_WORK_REQUIRED', message: expect.stringMatching(/^Because of heavy traffic/) });
  });

  it('accepts a solved challenge once, then refuses it as reused', async () => {
    const proof = solve((await challenge()).challenge, BITS);
    expect((await tip(proof)).statusCode).toBe(201);
    const again = await tip(proof, undefined, 'pt');
    expect(again.statusCode).toBe(400);
    expect(again.data.error.code).toBe('PROOF_OF_WORK_INVALID');
    expect(again.data.error.details).toEqual([{ field: 'x-alianza-proof', code: 'proof_of_work.reused', message: 'Este desafio já foi usado; cada envio precisa de um novo.' }]);
  });

  it('refuses unsolved, forged and malformed proofs', async () => {
    const c = (await challenge()).challenge;
    let unsolved = 0;
    while (leadingZeroBits(proofHash(c, String(unsolved))) >= BITS) unsolved++;
    const easier = c.replace(`.${BITS}.`, '.1.'); // the difficulty is signed: lowering it breaks the signature
    for (const proof of [`${c}.${unsolved}`, solve(easier, 1), 'garbage', `${c}.`, `${c.slice(0, -2)}AA.1`]) {
      const r = await tip(proof);
      expect(r.statusCode, proof).toBe(400);
      expect(r.data.error.details[0].code, proof).toBe('proof_of_work.invalid');
    }
  });

  it('guards conduct feedback the same way', async () => {
    const jurisdiction = { type: 'Polygon' as const, coordinates: [[[-70.7, -33.5], [-70.6, -33.5], [-70.6, -33.4], [-70.7, -33.5]]] };
    const unit = await createOrganization(t.ctx, systemActor(), { name: `Comisaría ${randomUUID()}`, type: 'police_agency', country: 'CL', jurisdiction });
    const body = { category: 'commendation', unitId: unit.id, consent: 'anonymous', body: 'Muy amables.' };
    expect((await api(t.app, { method: 'POST', url: '/api/v1/conduct', body })).statusCode).toBe(428);
    const proof = solve((await challenge()).challenge, BITS);
    expect((await api(t.app, { method: 'POST', url: '/api/v1/conduct', body, headers: { 'x-alianza-proof': proof } })).statusCode).toBe(201);
  });

  it('does not spend the proof on a request refused for bad input', async () => {
    const proof = solve((await challenge()).challenge, BITS);
    expect((await tip(proof, { category: 'other', body: '' })).statusCode).toBe(400);
    expect((await tip(proof)).statusCode).toBe(201);
  });
});

describe('proof-of-work challenges', () => {
  const key = async () => 'test key';
  const expectRefused = async (work: Promise<void>, code: string) => {
    const error = await work.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields[0]?.code ?? (error as AppError).code).toBe(code);
  };

  it('expire', async () => {
    let now = Date.UTC(2026, 0, 1);
    const pow = new ProofOfWork(4, key, 60_000, () => now);
    const issued = (await pow.issue())!;
    expect(issued.expiresAt.getTime()).toBe(now + 60_000);
    const proof = solve(issued.challenge, 4);
    now += 60_001;
    await expectRefused(pow.verify(proof), 'proof_of_work.expired');
  });

  it('issued before the difficulty was raised are refused as too easy', async () => {
    const before = new ProofOfWork(4, key);
    const after = new ProofOfWork(12, key);
    await expectRefused(after.verify(solve((await before.issue())!.challenge, 4)), 'proof_of_work.too_easy');
    await expect(before.verify(solve((await after.issue())!.challenge, 12))).resolves.toBeUndefined();
  });

  it('signed by another deployment are refused', async () => {
    const theirs = new ProofOfWork(4, async () => 'another key');
    await expectRefused(new ProofOfWork(4, key).verify(solve((await theirs.issue())!.challenge, 4)), 'proof_of_work.invalid');
  });

  it('are configured by a number of bits from 0 to 30', () => {
    expect(loadConfig({}).proofOfWorkBits).toBe(0);
    expect(loadConfig({ ALIANZA_PROOF_OF_WORK_BITS: '18' }).proofOfWorkBits).toBe(18);
    expect(() => loadConfig({ ALIANZA_PROOF_OF_WORK_BITS: '40' })).toThrow(/ALIANZA_PROOF_OF_WORK_BITS/);
  });

  it('count leading zero bits across bytes', () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0, 0x1f, 0xff]))).toBe(19);
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array(4))).toBe(32);
  });
});
