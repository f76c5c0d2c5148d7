import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { translate } from '../platform/i18n/messages.ts';
import { verifyAuditChain } from '../platform/audit/verify.ts';
import { migrate } from '../platform/db/migrate.ts';
import { CreateOrganizationBody } from '../modules/organizations/schemas.ts';
import { createOrganization } from '../modules/organizations/service.ts';
import { CreateUserBody } from '../modules/users/schemas.ts';
import { createUser } from '../modules/users/service.ts';
import { CreateTokenBody } from '../modules/tokens/schemas.ts';
import { createToken } from '../modules/tokens/service.ts';
import { withCliContext } from './context.ts';
import { describeRefusal, IMPORT_HELP, ImportUsageError, parseImportArgs, runImportCommand, type ImportArgs } from './import-command.ts';
import { findUserByEmail } from '../modules/auth/queries.ts';

const HELP = `alianza <command>

  serve                         Start the HTTP server (PORT, DATABASE_URL, ALIANZA_DATA_DIR)
  db migrate                    Apply pending database migrations
  admin create-org              --name N --type T --country CC [--jurisdiction FILE.geojson]
  admin create-user             --email E --name N [--org ID --role R]... [--platform-admin]
                                (password from ALIANZA_PASSWORD or the first line of stdin)
  admin create-token            --email E --name N --scopes read,write[,admin,audit] [--days D]
  audit verify                  Check the audit hash chain; exit 1 if it was tampered with
  import FILE --profile NAME --user EMAIL [--org ID] [--errors FILE]
                                Import incidents from a CSV or GeoJSON file with a saved
                                profile, with progress on stderr (alianza import --help)
  analyze gistar|moran|kde|knox|trend --input FILE.csv [options]
                                Statistics over a plain CSV file, no database (alianza analyze --help)
`;

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
  return parsed.data;
}

function readPassword(): string {
  if (process.env.ALIANZA_PASSWORD) return process.env.ALIANZA_PASSWORD;
  if (process.stdin.isTTY) throw new UsageError('give the password in ALIANZA_PASSWORD or on stdin');
  return readFileSync(0, 'utf8').split('\n')[0] ?? '';
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export async function main(argv: string[]): Promise<number> {
  const [group, command] = argv;
  if (group === 'analyze') {
    // Pure analytics over files: no database, no platform context.
    const { analyze } = await import('../../../analytics/src/cli/analyze.ts');
    return analyze(argv.slice(1));
  }
  if (group === 'import') return importCommand(argv.slice(1));
  try {
    if (group === 'serve') {
      const { serve } = await import('../main.ts');
      await serve();
      return 0;
    }
    if (group === 'db' && command === 'migrate') {
      const applied = await withCliContext((ctx) => migrate(ctx.db));
      print({ applied });
      return 0;
    }
    if (group === 'admin' && command === 'create-org') {
      const { values } = parseArgs({ args: argv.slice(2), options: { name: { type: 'string' }, type: { type: 'string' }, country: { type: 'string' }, jurisdiction: { type: 'string' } } });
      const input = parseInput(CreateOrganizationBody, {
        name: required(values, 'name'),
        type: required(values, 'type'),
        country: required(values, 'country'),
        jurisdiction: values.jurisdiction ? geometryFromFile(values.jurisdiction) : null,
      });
      print(await withCliContext((ctx) => createOrganization(ctx, systemActor(), input)));
      return 0;
    }
    if (group === 'admin' && command === 'create-user') {
      const { values } = parseArgs({
        args: argv.slice(2),
        options: { email: { type: 'string' }, name: { type: 'string' }, org: { type: 'string', multiple: true }, role: { type: 'string', multiple: true }, 'platform-admin': { type: 'boolean' } },
      });
      const orgs = values.org ?? [];
      const roles = values.role ?? [];
      if (orgs.length !== roles.length) throw new UsageError('give one --role for each --org');
      const input = parseInput(CreateUserBody, {
        email: required(values, 'email'),
        displayName: required(values, 'name'),
        password: readPassword(),
        memberships: orgs.map((orgId, i) => ({ orgId, role: roles[i] })),
      });
      print(await withCliContext((ctx) => createUser(ctx, systemActor(), input, { platformAdmin: values['platform-admin'] ?? false })));
      return 0;
    }
    if (group === 'admin' && command === 'create-token') {
      const { values } = parseArgs({ args: argv.slice(2), options: { email: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' }, days: { type: 'string' } } });
      const input = parseInput(CreateTokenBody, {
        name: required(values, 'name'),
        scopes: required(values, 'scopes').split(',').map((s) => s.trim()),
        ...(values.days ? { expiresInDays: Number(values.days) } : {}),
      });
      const email = required(values, 'email');
      print(
        await withCliContext(async (ctx) => {
          const user = await findUserByEmail(ctx.db, email);
          if (!user) throw new UsageError(`no user with e-mail ${email}`);
          return createToken(ctx, systemActor(), user.id, input);
        }),
      );
      return 0;
    }
    if (group === 'audit' && command === 'verify') {
      const report = await withCliContext((ctx) => verifyAuditChain(ctx.db));
      print(report);
      return report.ok ? 0 : 1;
    }
    process.stdout.write(HELP);
    return group === undefined || group === '--help' || group === 'help' ? 0 : 64;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 64;
    }
    if (err instanceof AppError) {
      const details = err.fields.map((f) => `  ${f.path}: ${translate(f.code, 'en', f.params)}`).join('\n');
      process.stderr.write(`${translate(err.code, 'en', err.params)}\n${details}\n`);
      return 65;
    }
    throw err;
  }
}

/** `alianza import`: its own exit codes (64 usage, 65 refused file, 66 unreadable file). */
async function importCommand(args: string[]): Promise<number> {
  let parsed: ImportArgs | null;
  try {
    parsed = parseImportArgs(args);
  } catch (err) {
    if (!(err instanceof ImportUsageError)) throw err;
    process.stderr.write(`alianza import: ${err.message}\n`);
    return err.exitCode;
  }
  if (parsed === null) {
    process.stdout.write(IMPORT_HELP);
    return 0;
  }
  const args_ = parsed;
  try {
    await withCliContext((ctx) => runImportCommand(ctx, args_, { stdout: process.stdout, stderr: process.stderr }));
    return 0;
  } catch (err) {
    if (err instanceof ImportUsageError || err instanceof ConfigError) {
      process.stderr.write(`alianza import: ${err.message}\n`);
      return err instanceof ImportUsageError ? err.exitCode : 64;
    }
    if (err instanceof AppError) {
      process.stderr.write(describeRefusal(err, args_.lang));
      return err.code === 'VALIDATION_FAILED' ? 65 : 64;
    }
    throw err;
  }
}

function geometryFromFile(file: string): unknown {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { type: string; geometry?: unknown; features?: { geometry: { type: string; coordinates: unknown[] } }[] };
  if (parsed.type === 'Feature') return parsed.geometry;
  if (parsed.type === 'FeatureCollection') {
    // Union of the features' polygons as one MultiPolygon.
    const polygons = (parsed.features ?? []).flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
    return { type: 'MultiPolygon', coordinates: polygons };
  }
  return parsed;
}
