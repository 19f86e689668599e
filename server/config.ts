import { z } from 'zod';
import { YJS_HELD_BYTES_MAX, YJS_HELD_FRAMES_MAX } from '../shared/limits.ts';

/**
 * Everything Stint reads from the environment, validated once at start. A bad value stops the
 * process with one line naming the variable, instead of failing later somewhere obscure.
 */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  /** Prefixes every Redis key and channel, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 letters, digits or _.:-')
    .default('stint'),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  PUBLIC_ORIGIN: optionalText.pipe(
    z
      .url({ message: 'must be a URL such as https://stint.example.org' })
      .refine((url) => /^https?:\/\//.test(url), 'must be an http:// or https:// URL')
      .transform((url) => new URL(url).origin)
      .optional(),
  ),
  SEED: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => value !== 'false' && value !== '0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOURLY_FEE_FLOOR: z.coerce.number().positive().max(1000).default(12.21),
  TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .refine((value) => value !== 'true', 'name the proxies (addresses, subnets, "loopback") or a hop count')
      .optional(),
  ),
  RATE_LIMITS: optionalText,
  ISSUER_IMAGE_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  ),
  ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  ADMIN_PASSWORD: optionalText,
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
  ),
  MAIL_FROM: optionalText.pipe(z.string().max(200).optional()),
  MAIL_RETRY_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  /** How often each process runs the reminders and the daily digest (0: never, for tests). */
  REMINDERS_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400_000)
    .default(15 * 60 * 1000),
  /** The UTC hour from which each day's digest goes out. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /**
   * Frames and bytes a paused Yjs connection may hold before it is closed (shared/limits.ts has the
   * defaults). Lowered only by the test of that close path: with the defaults a flood is held back
   * by TCP long before the queue fills.
   */
  YJS_HELD_FRAMES_MAX: z.coerce.number().int().min(1).max(1_000_000).default(YJS_HELD_FRAMES_MAX),
  YJS_HELD_BYTES_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 ** 3)
    .default(YJS_HELD_BYTES_MAX),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Set: several processes share the live work through Redis (needs a PostgreSQL databaseUrl). */
  redisUrl: string | undefined;
  redisPrefix: string;
  /** Undefined means: generate one and keep it in the data directory. */
  sessionSecret: string | undefined;
  /**
   * The origin browsers use to reach Stint behind a proxy. Same-host requests are always accepted;
   * any other origin is refused.
   */
  publicOrigin: string | undefined;
  /** Seed an empty embedded database on start. */
  seed: boolean;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  admin: { email: string; password: string } | undefined;
  /** A logo for the issuer profile in credentials (ISSUER_IMAGE_URL). */
  issuerImage: string | undefined;
  /** The lowest hourly rate the scoping check calls fair (default: the UK National Living Wage). */
  hourlyFeeFloor: number;
  /**
   * Express's `trust proxy`: which peers may set X-Forwarded-For (a hop count, or addresses,
   * subnets and names such as `loopback`). Default: none, so a client cannot pick its own address.
   */
  trustProxy: false | number | string[];
  /** Overrides of the rate limits (`RATE_LIMITS=chat:send=5/10,signup=3/3600`), or `off`. */
  rateLimits: RateLimitOverrides;
  mail: MailConfig;
  /** The scheduled reminders and daily digest (services/accounts/reminders.ts). */
  reminders: { intervalMs: number; digestHour: number };
  /** What a paused Yjs connection may hold before it is closed (realtime/yjs/connection.ts). */
  yjsHeld: YjsHeldLimits;
}

export interface YjsHeldLimits {
  frames: number;
  bytes: number;
}

export interface MailConfig {
  /** Undefined: every message is written to `<dataDir>/outbox/` as an .eml file instead. */
  smtpUrl: string | undefined;
  /** The From header, e.g. `Stint <no-reply@stint.example.org>`. */
  from: string;
  /** The first retry's delay after a failed send; each further retry waits twice as long. */
  retryMs: number;
}

export type RateLimitOverrides = 'off' | Record<string, { points: number; windowSeconds: number }>;

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function parseRateLimits(value: string | undefined): RateLimitOverrides {
  if (value === undefined) return {};
  if (value === 'off') return 'off';
  const overrides: Record<string, { points: number; windowSeconds: number }> = {};
  for (const part of value.split(',')) {
    const match = /^\s*([a-z:-]+)=(\d+)\/(\d+)\s*$/.exec(part);
    if (!match)
      throw new ConfigError(`Invalid RATE_LIMITS=${JSON.stringify(value)}: use name=points/seconds,… or off`);
    overrides[match[1]!] = { points: Number(match[2]), windowSeconds: Number(match[3]) };
  }
  return overrides;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(env[name] ?? '')}: ${issue?.message}`);
  }
  const vars = parsed.data;
  if (vars.MAIL_FROM !== undefined && /[\r\n]/.test(vars.MAIL_FROM)) {
    throw new ConfigError('Invalid MAIL_FROM: must be one line');
  }
  if ((vars.ADMIN_EMAIL === undefined) !== (vars.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  if (vars.REDIS_URL && !vars.DATABASE_URL) {
    throw new ConfigError(
      'Invalid REDIS_URL without DATABASE_URL: several processes need a shared PostgreSQL server; the embedded PGlite database belongs to one process (unset REDIS_URL or set DATABASE_URL=postgres://…)',
    );
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    dataDir: vars.DATA_DIR,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    redisPrefix: vars.REDIS_PREFIX,
    sessionSecret: vars.SESSION_SECRET,
    publicOrigin: vars.PUBLIC_ORIGIN,
    seed: vars.SEED,
    logLevel: vars.LOG_LEVEL,
    hourlyFeeFloor: vars.HOURLY_FEE_FLOOR,
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    rateLimits: parseRateLimits(vars.RATE_LIMITS),
    mail: {
      smtpUrl: vars.SMTP_URL,
      from: vars.MAIL_FROM ?? 'Stint <no-reply@stint.localhost>',
      retryMs: vars.MAIL_RETRY_MS,
    },
    reminders: { intervalMs: vars.REMINDERS_INTERVAL_MS, digestHour: vars.DIGEST_HOUR },
    yjsHeld: { frames: vars.YJS_HELD_FRAMES_MAX, bytes: vars.YJS_HELD_BYTES_MAX },
    issuerImage: vars.ISSUER_IMAGE_URL,
    admin:
      vars.ADMIN_EMAIL && vars.ADMIN_PASSWORD
        ? { email: vars.ADMIN_EMAIL.toLowerCase(), password: vars.ADMIN_PASSWORD }
        : undefined,
  };
}
