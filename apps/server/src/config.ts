import { z } from "zod";

/**
 * The only place that reads the environment (STYLE §6). Parsed once at start; every bad key is
 * listed in one error; the result is frozen and passed down.
 */
const zBool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ZEnv = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  BINHYEN_DATA_DIR: z.string().min(1).optional(),
  BINHYEN_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes in base64 (openssl rand -base64 32)")
    .optional(),
  BINHYEN_COOKIE_SECURE: zBool.optional(),
  BINHYEN_REGION: z.string().default("VN"),
  BINHYEN_TRUST_PROXY: zBool.default(false),
  BINHYEN_WEB_DIR: z.string().optional(),
  /** The address residents reach (printed on invite links, QR codes and posters). */
  BINHYEN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  BINHYEN_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BINHYEN_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Requests per minute per client address to the public join endpoints. */
  BINHYEN_PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Web Push services the server may send to (comma-separated hosts; ".example" = subdomains). */
  BINHYEN_PUSH_ALLOWED_HOSTS: z
    .string()
    .default("fcm.googleapis.com,updates.push.services.mozilla.com,.notify.windows.com,.push.apple.com"),
  /** VAPID subject: a mailto: or https: contact for push services. */
  BINHYEN_PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, "must start with mailto: or https://")
    .optional(),
  /** An urgent report nobody acknowledged after this many minutes alerts the chief and deputies. */
  BINHYEN_URGENT_ESCALATE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Anonymous intake per minute (this process) above which a proof of work is asked. */
  BINHYEN_INTAKE_POW_ABOVE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Leading zero bits the proof of work needs at the threshold (one more per doubling above it). */
  BINHYEN_INTAKE_POW_BITS: z.coerce.number().int().min(1).max(26).default(16),
  /** Minutes between polls of each relayed RSS/Atom feed. */
  BINHYEN_FEED_POLL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Zalo OA OpenAPI host (v2.0/v3.0 paths). */
  BINHYEN_ZALO_OA_API_URL: z.url({ protocol: /^https?$/ }).default("https://openapi.zalo.me"),
  /** Zalo OAuth v4 host (consent page and token endpoint). */
  BINHYEN_ZALO_OAUTH_URL: z.url({ protocol: /^https?$/ }).default("https://oauth.zaloapp.com"),
  /** Zalo Bot API host. */
  BINHYEN_ZALO_BOT_API_URL: z.url({ protocol: /^https?$/ }).default("https://bot-api.zaloplatforms.com"),
  /** Run the local fake Zalo world on loopback and point the Zalo URLs at it (default in demo mode). */
  BINHYEN_ZALO_FAKE: zBool.optional(),
  /** Port of the fake Zalo world (0 = any free port). */
  BINHYEN_ZALO_FAKE_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /** Zalo requests per second per commune (client-side throttle; Zalo publishes no limit). */
  BINHYEN_ZALO_RATE_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(10),
  BINHYEN_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
});

export type Config = Readonly<{
  env: "production" | "development" | "test";
  demo: boolean;
  port: number;
  host: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  dataDir: string;
  secretKey: string | undefined;
  cookieSecure: boolean;
  region: string;
  trustProxy: boolean;
  webDir: string | undefined;
  logLevel: string;
  sessionHours: number;
  loginRatePerMinute: number;
  publicRatePerMinute: number;
  publicUrl: string;
  importMaxBytes: number;
  pushAllowedHosts: readonly string[];
  pushSubject: string;
  feedPollMinutes: number;
  urgentEscalateMinutes: number;
  intakePowAbovePerMinute: number;
  intakePowBits: number;
  zalo: Readonly<{
    oaApiUrl: string;
    oauthUrl: string;
    botApiUrl: string;
    /** Start the fake Zalo world in this process (demo) on this port. */
    fake: { port: number } | null;
    ratePerSecond: number;
  }>;
}>;

/** Real Zalo hosts, or (demo, BINHYEN_ZALO_FAKE) the local fake Zalo world on loopback. */
function zaloConfig(e: z.infer<typeof ZEnv>, demo: boolean): Config["zalo"] {
  const fake = (e.BINHYEN_ZALO_FAKE ?? demo) ? { port: e.BINHYEN_ZALO_FAKE_PORT } : null;
  const fakeUrl = fake ? `http://127.0.0.1:${fake.port}` : null;
  const url = (
    key: "BINHYEN_ZALO_OA_API_URL" | "BINHYEN_ZALO_OAUTH_URL" | "BINHYEN_ZALO_BOT_API_URL",
    given: string,
  ) => (fakeUrl && given === ZEnv.shape[key].parse(undefined) ? fakeUrl : given).replace(/\/$/, "");
  return Object.freeze({
    oaApiUrl: url("BINHYEN_ZALO_OA_API_URL", e.BINHYEN_ZALO_OA_API_URL),
    oauthUrl: url("BINHYEN_ZALO_OAUTH_URL", e.BINHYEN_ZALO_OAUTH_URL),
    botApiUrl: url("BINHYEN_ZALO_BOT_API_URL", e.BINHYEN_ZALO_BOT_API_URL),
    fake,
    ratePerSecond: e.BINHYEN_ZALO_RATE_PER_SECOND,
  });
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  opts: { demo?: boolean; defaultDataDir?: string } = {},
): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  // Requirement 21 (domain-vn): data stays in Vietnam; refuse to start with another region declared.
  if (e.BINHYEN_REGION.toUpperCase() !== "VN") {
    problems.push(
      `BINHYEN_REGION: "${e.BINHYEN_REGION}" is not in Vietnam; personal data must be hosted in VN`,
    );
  }
  const dataDir = e.BINHYEN_DATA_DIR ?? opts.defaultDataDir ?? "./data/binhyen";
  if (e.DATABASE_URL && !e.BINHYEN_SECRET_KEY && !opts.demo) {
    problems.push(
      "BINHYEN_SECRET_KEY: required with DATABASE_URL (the encryption key must live outside the database)",
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return Object.freeze({
    env: e.NODE_ENV,
    demo: opts.demo ?? false,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: "postgres" as const, url: e.DATABASE_URL }
      : { kind: "pglite" as const, dataDir: `${dataDir}/pg` },
    dataDir,
    secretKey: e.BINHYEN_SECRET_KEY,
    cookieSecure: e.BINHYEN_COOKIE_SECURE ?? (e.NODE_ENV === "production" && !opts.demo),
    region: "VN",
    trustProxy: e.BINHYEN_TRUST_PROXY,
    webDir: e.BINHYEN_WEB_DIR,
    logLevel: e.LOG_LEVEL,
    sessionHours: e.BINHYEN_SESSION_HOURS,
    loginRatePerMinute: e.BINHYEN_LOGIN_RATE_PER_MINUTE,
    publicRatePerMinute: e.BINHYEN_PUBLIC_RATE_PER_MINUTE,
    publicUrl: (e.BINHYEN_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    importMaxBytes: e.BINHYEN_IMPORT_MAX_BYTES,
    pushAllowedHosts: e.BINHYEN_PUSH_ALLOWED_HOSTS.split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    pushSubject:
      e.BINHYEN_PUSH_SUBJECT ??
      (e.BINHYEN_PUBLIC_URL?.startsWith("https://") ? e.BINHYEN_PUBLIC_URL : "mailto:admin@binhyen.invalid"),
    feedPollMinutes: e.BINHYEN_FEED_POLL_MINUTES,
    urgentEscalateMinutes: e.BINHYEN_URGENT_ESCALATE_MINUTES,
    intakePowAbovePerMinute: e.BINHYEN_INTAKE_POW_ABOVE_PER_MINUTE,
    intakePowBits: e.BINHYEN_INTAKE_POW_BITS,
    zalo: zaloConfig(e, opts.demo ?? false),
  });
}
