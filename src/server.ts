import { serve } from "@hono/node-server";
import { count } from "drizzle-orm";
import { organizations } from "../db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoCity } from "../db/seed/demo";
import { createApp } from "./app";
import { setAssetVersions } from "./assets";
import { loadConfig } from "./config";
import { chinaDateOf } from "./domain/working-days";
import { msUntilNextLocalTime, runJobs, runMissedJobs } from "./jobs/runner";
import { migrateDatabase, openNodeDatabase } from "./node-db";
import { createPageCache } from "./registry/page-cache";
import { createReadPool } from "./registry/read-pool";
import { attachReadPool, attachVersionReader } from "./registry/read-pool-handle";
import { createVersionReader, forgetOnWrite } from "./registry/version-reader";
import { loadStaticFiles } from "./static-files";
import { createDiskStorage } from "./storage/disk";
import { startWalCheckpointer } from "./wal-checkpointer";

const config = loadConfig(process.env);
const { client, db } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
await migrateDatabase(db);

if (config.seedDemo) {
  const [row] = await db.select({ n: count() }).from(organizations);
  if ((row?.n ?? 0) === 0) {
    const started = Date.now();
    console.log("Empty database: seeding the demo city (示范市)…");
    const summary = await seedDemoCity(db, { personKey: config.personKey });
    console.log(
      `Seeded ${summary.organizations} organizations in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
}

// Searches read through a worker thread on their own connection (src/registry/read-pool.ts).
const readPool =
  config.databaseUrl.startsWith("file:") && !config.databaseUrl.includes(":memory:")
    ? createReadPool(config.databaseUrl.slice("file:".length), Number(process.env.READ_WORKERS ?? 2))
    : null;
if (readPool) attachReadPool(db, readPool);
// The register version, read before every cached public answer, through a statement prepared once and shared by the
// requests of one event-loop turn; the app's own writes drop it at once.
const versionReader = readPool ? createVersionReader(config.databaseUrl.slice("file:".length)) : null;
if (versionReader) {
  attachVersionReader(db, versionReader.read);
  forgetOnWrite(client, versionReader.forget);
}
// WAL checkpoints off the main thread (src/wal-checkpointer.ts).
const checkpointer = readPool
  ? await startWalCheckpointer(client, config.databaseUrl.slice("file:".length))
  : null;

// public/ is read into memory once; links carry each file's content hash.
const staticFiles = loadStaticFiles("./public");
setAssetVersions(staticFiles.hashes);

const app = createApp({
  db,
  config,
  // A server has the memory for the pages people ask for again (Workers keep createApp's 32 MiB).
  pageCache: createPageCache(Number(process.env.PAGE_CACHE_MB ?? 256) * 1024 * 1024),
  storage: createDiskStorage(config.dataDir),
  staticFiles: staticFiles.middleware,
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`社会组织登记管理信息系统 listening on http://${info.address}:${info.port}/ (${config.env})`);
  if (config.seedDemo) {
    console.log(
      `Demo accounts (password ${DEMO_PASSWORD}), log in at http://${info.address}:${info.port}/login:`,
    );
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(24)} ${a.description}`);
  }
});

// Scheduled jobs (src/jobs/registry.ts): once a day at JOBS_DAILY_AT (Asia/Shanghai). `JOBS_DAILY_AT=off` leaves them
// to system cron (`npm run jobs`). The timer is unref'd so it never keeps the process alive on its own.
let jobTimer: NodeJS.Timeout | null = null;
if (config.jobsDailyAt) {
  const { hour, minute } = config.jobsDailyAt;
  const schedule = () => {
    jobTimer = setTimeout(
      async () => {
        const now = new Date();
        try {
          await runJobs({ db, config, storage: createDiskStorage(config.dataDir) }, chinaDateOf(now), {
            dryRun: false,
            trigger: "timer",
          });
        } catch (err) {
          console.error("scheduled jobs failed", err);
        }
        schedule();
      },
      msUntilNextLocalTime(new Date(), hour, minute),
    );
    jobTimer.unref();
  };
  schedule();
  // A day missed while the server was down is caught up now (in the background: serving starts at once).
  void runMissedJobs(
    { db, config, storage: createDiskStorage(config.dataDir) },
    chinaDateOf(new Date()),
    "timer",
  ).catch((err) => console.error("catching up scheduled jobs failed", err));
}

// A clean stop: no new connections, the read workers finish their statement and close their connections.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    if (jobTimer) clearTimeout(jobTimer);
    void Promise.all([readPool?.close(), checkpointer?.close()]).finally(() => process.exit(0));
  });
}
