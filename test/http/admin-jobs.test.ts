import { beforeEach, describe, expect, it } from "vitest";
import { jobRuns } from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority } from "../support/orgs";

/** /admin/jobs: administrators see the scheduled jobs and their runs; nobody else does. */
let db: Db;
const clock = new Date("2026-06-01T02:00:00Z");
const app = () => createApp({ db, config: testConfig(), now: () => clock });

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
});

describe("/admin/jobs", () => {
  it("shows the job table and the recent runs to an administrator", async () => {
    const admin = await createUser(db, { role: "admin" });
    const { cookie } = await signIn(db, admin.id, clock);
    await db.insert(jobRuns).values({
      job: "example",
      today: "2026-05-31",
      trigger: "cli",
      finishedAt: "x",
      changed: 7,
      summary: "标记 7 家",
    });
    const res = await app().request("/admin/jobs", { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("定时任务");
    expect(html).toContain("标记 7 家");
    expect(html).toContain("命令行");
  });

  it("refuses a registrar (404) and sends an anonymous visitor to sign in", async () => {
    const authorityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
    const registrar = await createUser(db, { role: "registrar", authorityId });
    const { cookie } = await signIn(db, registrar.id, clock);
    expect((await app().request("/admin/jobs", { headers: { Cookie: cookie } })).status).toBe(404);
    expect((await app().request("/admin/jobs")).status).toBe(302);
  });

  it("a dry run shows what a job would do today and writes nothing but its run record", async () => {
    const admin = await createUser(db, { role: "admin" });
    const { cookie } = await signIn(db, admin.id, clock);
    const page = await (await app().request("/admin/jobs", { headers: { Cookie: cookie } })).text();
    expect(page).toContain("年检未参检标记");
    expect(page).toContain("信用名单候选（未参检）");
    const res = await app().request("/admin/jobs", {
      method: "POST",
      headers: formHeaders(cookie),
      body: new URLSearchParams({ job: "inspection-not-filed", mode: "dry-run" }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("预演结果（未写入任何数据）");
    const runs = await db.select().from(jobRuns);
    expect(runs.map((r) => [r.job, r.dryRun, r.trigger])).toEqual([["inspection-not-filed", true, "admin"]]);
  });

  it("refuses an unknown job or mode with 400 and writes no run", async () => {
    const admin = await createUser(db, { role: "admin" });
    const { cookie } = await signIn(db, admin.id, clock);
    const bodies: Record<string, string>[] = [
      { job: "no-such-job", mode: "dry-run" },
      { mode: "everything" },
      { job: "../x", mode: "run" },
    ];
    for (const body of bodies) {
      const res = await app().request("/admin/jobs", {
        method: "POST",
        headers: formHeaders(cookie),
        body: new URLSearchParams(body),
      });
      expect(res.status).toBe(400);
    }
    expect(await db.select().from(jobRuns)).toEqual([]);
  });
});
