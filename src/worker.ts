import { createClient } from "@libsql/client";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { createDb } from "./db";
import { createR2Storage, type R2Like } from "./storage/r2";

/** Cloudflare Workers entry: Turso over HTTP; static files come from the assets binding (public/). */
interface WorkerEnv {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  PUBLIC_ORIGIN?: string;
  APP_ENV?: string;
  FILES?: R2Like;
}

let cached: { key: string; app: ReturnType<typeof createApp> } | null = null;

function appFor(env: WorkerEnv) {
  const key = `${env.DATABASE_URL}|${env.PUBLIC_ORIGIN ?? ""}`;
  if (cached?.key === key) return cached.app;
  // Workers never seed demo data: the database is migrated and filled from CI or the command line.
  const config = loadConfig({
    APP_ENV: env.APP_ENV ?? "production",
    DATABASE_URL: env.DATABASE_URL,
    DATABASE_AUTH_TOKEN: env.DATABASE_AUTH_TOKEN,
    PUBLIC_ORIGIN: env.PUBLIC_ORIGIN,
    SEED_DEMO: "0",
  });
  const client = createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  const app = createApp({
    db: createDb(client),
    config,
    storage: env.FILES ? createR2Storage(env.FILES) : undefined,
  });
  cached = { key, app };
  return app;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: unknown) {
    return appFor(env).fetch(request, env, ctx as never);
  },
};
