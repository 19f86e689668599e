import { z } from 'zod';

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
  ISSUER_IMAGE_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  ),
  ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  ADMIN_PASSWORD: optionalText,
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
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
  if ((vars.ADMIN_EMAIL === undefined) !== (vars.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    dataDir: vars.DATA_DIR,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    sessionSecret: vars.SESSION_SECRET,
    publicOrigin: vars.PUBLIC_ORIGIN,
    seed: vars.SEED,
    logLevel: vars.LOG_LEVEL,
    hourlyFeeFloor: vars.HOURLY_FEE_FLOOR,
    issuerImage: vars.ISSUER_IMAGE_URL,
    admin:
      vars.ADMIN_EMAIL && vars.ADMIN_PASSWORD
        ? { email: vars.ADMIN_EMAIL.toLowerCase(), password: vars.ADMIN_PASSWORD }
        : undefined,
  };
}
