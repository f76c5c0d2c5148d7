import pino, { type Logger } from 'pino';

/**
 * Structured logs. Request bodies are never logged, and these paths are removed wherever
 * they appear, so passwords, tokens, cookies and anonymous content cannot reach a log line.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-forwarded-for"]',
  'req.headers["user-agent"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passphrase',
  '*.token',
  '*.secret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, remove: true },
      serializers: {
        // Only what is needed to follow a request: no client address, no user agent.
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}
