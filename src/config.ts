import { z } from "zod";
import { MAX_ATTACHMENT_BYTES } from "./domain/attachments";
import { DEFAULT_PRECHECK_SETTINGS, type PrecheckSettings } from "./domain/prechecks";
import { DEFAULT_RED_LIST_CRITERIA, type RedListCriteria } from "./domain/red-list";

/**
 * Every setting, parsed once. Environment variables for the deployment; domain settings
 * (marked [C] in domain.md: they vary by locality) with the defaults domain.md gives.
 */
const bool = z.enum(["0", "1", "true", "false", ""]).transform((v) => v === "1" || v === "true");

const EnvSchema = z.object({
  APP_ENV: z.enum(["production", "development", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:data/registry.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** The public origin (scheme://host[:port]) browsers use; CSRF checks compare against it. */
  PUBLIC_ORIGIN: z.string().url().optional(),
  SEED_DEMO: bool.optional(),
  /** Where uploaded files live on Node (attachments). */
  DATA_DIR: z.string().default("data"),
  /**
   * Which client-address header to believe. `none` (Node's default): the socket's address, every header ignored.
   * `cloudflare` (the Worker's default): CF-Connecting-IP, which the platform sets. A number N: N reverse proxies of
   * ours append to X-Forwarded-For, so the client is the N-th address from the right (nginx: 1).
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(none|cloudflare|[1-9])$/, "none, cloudflare or the number of trusted proxy hops (1–9)")
    .optional(),
  /** When Node runs the daily jobs, HH:MM in Asia/Shanghai; `off` leaves them to system cron (`npm run jobs`). */
  /**
   * The secret key under which people's identity numbers are hashed (HMAC-SHA256) for matching across organizations:
   * the cadre register (R-F5) and the people behind 严重 entries. At least 32 characters; required in production. Never
   * change it on a live database (every stored key would stop matching).
   */
  PERSON_KEY: z.string().min(32, "at least 32 characters").optional(),
  JOBS_DAILY_AT: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, "HH:MM (Asia/Shanghai) or off")
    .default("02:30"),
});

export type Env = z.infer<typeof EnvSchema>;

export interface DomainSettings {
  /** R-D2 [C]: days between the two letters that establish "unreachable". */
  unreachableLetterIntervalDays: { min: number; max: number };
  /** R-C8 / R-E1 [C]: consecutive missed or failed inspections that make a 撤销 / zombie candidate, per type. */
  missedInspectionThreshold: { social_group: number; private_non_enterprise: number; foundation: number };
  /** R-C2 [C]: organizations registered after this month/day of year N do not file for year N. */
  inspectionCutoff: { month: number; day: number };
  /** R-C3: default correction deadline in working days. */
  correctionDeadlineWorkingDays: number;
  /** R-D7 [C]: working days an organization has to object after a 事先告知 is served. */
  creditObjectionWorkingDays: number;
  /** R-D7 [C]: days a 事先告知 published by 公告 (organization unreachable) takes to count as served (30–60). */
  creditPublicationDays: number;
  /** R-E3 [C]: working days after a 撤销 事先告知 is served to make a statement, a defence or ask for a hearing. */
  revocationHearingWorkingDays: number;
  /** [C] working days from service an organization has to rectify under a 整改通知书 (the default offered). */
  rectificationWorkingDays: number;
  /** R-E1(a) [C]: whether a 不合格 conclusion counts as a missed year for the zombie signal (else 未参检 only). */
  zombieCountsUnqualified: boolean;
  /** R-E1(c) [C]: the date from which an organization with no in-scope activity in its filed reports becomes a zombie
   * candidate (YYYY-MM-DD); null leaves the signal unused until the locality sets its date. */
  zombieNoActivitySince: string | null;
  /** R-D1(1) [C]: whether a 不合格 conclusion (besides 未参检) makes an 活动异常名录 candidate. */
  creditListsUnqualified: boolean;
  /** R-F4, domain.md §8 [C]: whether the public organization page says if it has a party organization (nothing else of
   * the ledger is ever public). Off unless the locality publishes it. */
  publishPartyOrgExistence: boolean;
  /** [C] Whether naming a person behind a 严重 entry as another organization's legal representative blocks approval
   * (else the registrar is warned and decides). Local rules differ. */
  seriousPersonBlocks: boolean;
  /** [C] Public statistics withhold counts below this (a figure must not point at a person). */
  statisticsMinCell: number;
  /** [C] The 红名单's criteria (src/domain/red-list.ts): lowest grade, 合格 years, years without an entry or penalty. */
  redList: RedListCriteria;
  /** [C] The 年检 pre-review's thresholds (src/domain/prechecks.ts), R-F1's party thresholds among them. */
  prechecks: PrecheckSettings;
}

export const defaultDomainSettings: DomainSettings = {
  unreachableLetterIntervalDays: { min: 20, max: 60 },
  missedInspectionThreshold: { social_group: 2, private_non_enterprise: 2, foundation: 2 },
  inspectionCutoff: { month: 6, day: 30 },
  correctionDeadlineWorkingDays: 5,
  creditObjectionWorkingDays: 10,
  creditListsUnqualified: false,
  zombieCountsUnqualified: false,
  zombieNoActivitySince: null,
  rectificationWorkingDays: 20,
  creditPublicationDays: 30,
  revocationHearingWorkingDays: 5,
  publishPartyOrgExistence: false,
  redList: DEFAULT_RED_LIST_CRITERIA,
  seriousPersonBlocks: false,
  statisticsMinCell: 5,
  prechecks: DEFAULT_PRECHECK_SETTINGS,
};

/** The identity-hash key outside production when PERSON_KEY is not set (production refuses to start without one). */
export const DEV_PERSON_KEY = "development-only-person-key-not-for-production-use";

export interface Config {
  env: Env["APP_ENV"];
  databaseUrl: string;
  databaseAuthToken?: string;
  port: number;
  host: string;
  publicOrigin: string;
  /** Seed the demo city on an empty database. Never in production. */
  seedDemo: boolean;
  dataDir: string;
  /** Whose word to take for the client's address (see TRUST_PROXY). */
  trustProxy: "none" | "cloudflare" | { hops: number };
  /** Node's daily job timer (Asia/Shanghai), or null when system cron runs `npm run jobs`. */
  jobsDailyAt: { hour: number; minute: number } | null;
  /** HMAC key for identity numbers (src/people/identity.ts). */
  personKey: string;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  domain: DomainSettings;
  /** scrypt parameters for new password hashes (stack-notes.md); older hashes are upgraded at login. */
  passwordHashing: { ln: number; r: number; p: number };
  /** A session ends after this long without a request. */
  sessionIdleMs: number;
}

export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const production = env.APP_ENV === "production";
  if (production && !env.PERSON_KEY) {
    throw new Error("Invalid configuration:\n  PERSON_KEY: required in production (32 characters or more)");
  }
  return {
    env: env.APP_ENV,
    databaseUrl: env.DATABASE_URL,
    databaseAuthToken: env.DATABASE_AUTH_TOKEN,
    port: env.PORT,
    host: env.HOST,
    publicOrigin: env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`,
    seedDemo: !production && (env.SEED_DEMO ?? true),
    dataDir: env.DATA_DIR,
    trustProxy:
      env.TRUST_PROXY === undefined || env.TRUST_PROXY === "none"
        ? "none"
        : env.TRUST_PROXY === "cloudflare"
          ? "cloudflare"
          : { hops: Number(env.TRUST_PROXY) },
    jobsDailyAt:
      env.JOBS_DAILY_AT === "off"
        ? null
        : { hour: Number(env.JOBS_DAILY_AT.slice(0, 2)), minute: Number(env.JOBS_DAILY_AT.slice(3)) },
    personKey: env.PERSON_KEY ?? DEV_PERSON_KEY,
    // The largest file (MAX_ATTACHMENT_BYTES, 10 MiB) plus room for the multipart envelope and the form's fields.
    bodyLimitBytes: MAX_ATTACHMENT_BYTES + 2 * 1024 * 1024,
    domain: defaultDomainSettings,
    passwordHashing: { ln: 14, r: 8, p: 5 },
    sessionIdleMs: 8 * 60 * 60_000,
  };
}

/** A configuration for tests and tools: development defaults with overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ APP_ENV: "test", SEED_DEMO: "0" }),
    publicOrigin: "http://localhost",
    // Cheaper hashing keeps the http tests fast; the parameters are stored with each hash either way.
    passwordHashing: { ln: 10, r: 8, p: 1 },
    ...overrides,
  };
}
