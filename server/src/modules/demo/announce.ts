import type { DemoWorld } from './service.ts';

/** The first-start message with the demo accounts, for people reading the terminal. */
export function credentialsBlock(world: DemoWorld, signInUrl: string): string {
  const width = Math.max(...world.accounts.map((a) => a.email.length));
  const lines = world.accounts.map((a) => `  ${a.email.padEnd(width)}  ${[...a.roles, ...(a.platformAdmin ? ['platform administrator'] : [])].join('; ')}`);
  const rule = '─'.repeat(78);
  return [
    rule,
    'Alianza demo world created: fictional organisations, people and notes, all marked (DEMO).',
    `Every account below signs in with the password: ${world.password}`,
    '',
    ...lines,
    '',
    `Sign in at ${signInUrl}`,
    'The password is published: never put real information in this database.',
    'Start with ALIANZA_DEMO=false (or a DATABASE_URL) and an empty data folder for real use.',
    rule,
    '',
  ].join('\n');
}

/** One log line saying the same (the password is the published demo one). */
export const credentialsLogMessage = (world: DemoWorld) =>
  `demo world created: ${world.accounts.length} accounts (${world.accounts.map((a) => a.email).join(', ')}) share the published demo password "${world.password}"`;
