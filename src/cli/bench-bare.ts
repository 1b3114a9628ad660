/**
 * The bare stack the overhead benchmark compares the app with (npm run bench): Hono on @hono/node-server with one
 * libSQL connection answering GET /healthz with SELECT 1, and Hono's own serveStatic for public/. Nothing else: no
 * middleware, no sessions, no headers. Started by src/cli/bench-overhead.ts on the same database file.
 */
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { createClient } from "@libsql/client";
import { Hono } from "hono";

const client = createClient({ url: process.env.DATABASE_URL ?? "file:data/registry.db" });
const app = new Hono();
app.use("/css/*", serveStatic({ root: "./public" }));
app.get("/healthz", async (c) => {
  await client.execute("SELECT 1");
  return c.json({ ok: true });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: "127.0.0.1" });
