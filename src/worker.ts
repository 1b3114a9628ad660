import { createClient } from "@libsql/client";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { createDb } from "./db";
import { chinaDateOf } from "./domain/working-days";
import { runJobs } from "./jobs/runner";
import { createR2Storage, type R2Like } from "./storage/r2";

/** Cloudflare Workers entry: Turso over HTTP; static files come from the assets binding (public/). */
interface WorkerEnv {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  PUBLIC_ORIGIN?: string;
  APP_ENV?: string;
  /** Secret: the HMAC key for identity numbers (src/people/identity.ts). */
  PERSON_KEY?: string;
  FILES?: R2Like;
}

let cached: { key: string; app: ReturnType<typeof createApp>; deps: Parameters<typeof createApp>[0] } | null =
  null;

function appFor(env: WorkerEnv) {
  const key = `${env.DATABASE_URL}|${env.PUBLIC_ORIGIN ?? ""}`;
  if (cached?.key === key) return cached;
  // Workers never seed demo data: the database is migrated and filled from CI or the command line.
  const config = loadConfig({
    APP_ENV: env.APP_ENV ?? "production",
    DATABASE_URL: env.DATABASE_URL,
    DATABASE_AUTH_TOKEN: env.DATABASE_AUTH_TOKEN,
    PUBLIC_ORIGIN: env.PUBLIC_ORIGIN,
    PERSON_KEY: env.PERSON_KEY,
    SEED_DEMO: "0",
    // On Workers the platform sets CF-Connecting-IP (a client cannot), so it is the client's address.
    TRUST_PROXY: "cloudflare",
  });
  const client = createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  const deps = { db: createDb(client), config, storage: env.FILES ? createR2Storage(env.FILES) : undefined };
  const app = createApp(deps);
  cached = { key, app, deps };
  return cached;
}

interface ScheduledControllerLike {
  scheduledTime: number;
}
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: unknown) {
    return appFor(env).app.fetch(request, env, ctx as never);
  },
  /** The cron trigger of wrangler.toml: the same job table as Node's daily timer and `npm run jobs`. */
  scheduled(controller: ScheduledControllerLike, env: WorkerEnv, ctx: ExecutionContextLike) {
    const { deps } = appFor(env);
    ctx.waitUntil(
      runJobs(deps, chinaDateOf(new Date(controller.scheduledTime)), { dryRun: false, trigger: "cron" }),
    );
  },
};
