import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, jobRuns } from "../../db/schema";
import { testConfig } from "../../src/config";
import { chinaDateOf } from "../../src/domain/working-days";
import { msUntilNextLocalTime, runJobs } from "../../src/jobs/runner";
import type { Job } from "../../src/jobs/types";
import { openMemoryDatabase } from "../../src/node-db";

/** The scheduler: jobs are plain functions of (deps, today, { dryRun }), each run recorded in job_runs. */
function counterJob(state: { value: number }): Job {
  return {
    name: "counter",
    title: "计数",
    description: "测试用任务",
    async run(_deps, today, { dryRun }) {
      const due = state.value < 3 ? 3 - state.value : 0; // idempotent: brings the value to 3 and stops there
      if (!dryRun) state.value += due;
      return { changed: due, summary: `${today} 变更 ${due} 项`, items: [] };
    },
  };
}

describe("job runner", () => {
  it("records each run, audits a run that changed something as system, and a second run the same day changes nothing", async () => {
    const { db } = await openMemoryDatabase();
    const deps = { db, config: testConfig() };
    const state = { value: 0 };
    const first = await runJobs(deps, "2026-06-01", { dryRun: false, trigger: "cli" }, [counterJob(state)]);
    const second = await runJobs(deps, "2026-06-01", { dryRun: false, trigger: "cli" }, [counterJob(state)]);
    expect(first[0]!.report!.changed).toBe(3);
    expect(second[0]!.report!.changed).toBe(0);
    const runs = await db.select().from(jobRuns);
    expect(runs.map((r) => [r.job, r.today, r.changed, r.finishedAt !== null])).toEqual([
      ["counter", "2026-06-01", 3, true],
      ["counter", "2026-06-01", 0, true],
    ]);
    const [audited] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, "job.run"));
    expect(audited!.n).toBe(1);
  });

  it("a dry run reports what would change and writes nothing but its run record", async () => {
    const { db } = await openMemoryDatabase();
    const state = { value: 1 };
    const [r] = await runJobs(
      { db, config: testConfig() },
      "2026-06-01",
      { dryRun: true, trigger: "admin" },
      [counterJob(state)],
    );
    expect(r!.report!.changed).toBe(2);
    expect(state.value).toBe(1);
    const runs = await db.select().from(jobRuns);
    expect(runs[0]!.dryRun).toBe(true);
    const [audited] = await db.select({ n: count() }).from(auditEvents);
    expect(audited!.n).toBe(0);
  });

  it("a failing job is recorded with its error and the next job still runs", async () => {
    const { db } = await openMemoryDatabase();
    const failing: Job = {
      name: "failing",
      title: "失败",
      description: "",
      run: async () => {
        throw new Error("boom");
      },
    };
    const state = { value: 0 };
    const results = await runJobs(
      { db, config: testConfig() },
      "2026-06-01",
      { dryRun: false, trigger: "cli" },
      [failing, counterJob(state)],
    );
    expect(results.map((r) => r.error)).toEqual(["boom", null]);
    expect(state.value).toBe(3);
    const runs = await db.select().from(jobRuns);
    expect(runs[0]!.error).toBe("boom");
  });

  it("runs for the Asia/Shanghai calendar day and waits until the next configured local time", () => {
    expect(chinaDateOf(new Date("2026-03-31T16:30:00Z"))).toBe("2026-04-01");
    expect(chinaDateOf(new Date("2026-03-31T15:59:00Z"))).toBe("2026-03-31");
    // 02:00 local → 02:30 local is 30 minutes away; 03:00 local → tomorrow's 02:30 is 23.5 hours away.
    expect(msUntilNextLocalTime(new Date("2026-03-31T18:00:00Z"), 2, 30)).toBe(30 * 60 * 1000);
    expect(msUntilNextLocalTime(new Date("2026-03-31T19:00:00Z"), 2, 30)).toBe(23.5 * 60 * 60 * 1000);
  });
});
