import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { SessionUser } from "../../src/context";
import { creditCandidatesJob } from "../../src/credit/jobs";
import type { Db } from "../../src/db";
import { inspectionService } from "../../src/inspection/service";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** The credit queue's R-D10 entry deadline when it runs into a year with no holiday calendar entered. */
let db: Db;
const clock = new Date("2026-12-29T02:00:00Z");
const deps = () => ({ db, config: testConfig(), now: () => clock });
let registrar: { cookie: string; user: SessionUser };
let orgUscc: string;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  const cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  const [org] = await insertOrgs(db, [{ name: "示范市沉寂协会" }]);
  orgUscc = org!.uscc;
  registrar = await signIn(db, (await createUser(db, { role: "registrar", authorityId: cityId })).id, clock);
  await inspectionService.openYear(deps(), registrar.user, { year: 2025 });
  await db.run(sql`UPDATE annual_inspections SET state = 'not_filed' WHERE org_id = ${org!.id}`);
  await db.run(sql`INSERT INTO holidays (date, kind, name) VALUES ('2026-10-01', 'holiday', '国庆节')`);
  await runJobs(deps(), "2026-12-29", { dryRun: false, trigger: "cli" }, [creditCandidatesJob]);
});

const queue = async () =>
  (await createApp(deps()).request("/registrar/credit", { headers: { Cookie: registrar.cookie } })).text();

describe("working days without a holiday calendar on the credit queue (R-D10)", () => {
  it("R-D10: a candidate's 5-working-day entry deadline running into 2027 warns that 2027's holidays are not entered", async () => {
    expect(await queue()).toContain("该年度节假日安排尚未录入，期限按周末计算（2027年）");
    await db.run(sql`INSERT INTO holidays (date, kind, name) VALUES ('2027-01-01', 'holiday', '元旦')`);
    const page = await queue();
    expect(page).toContain("示范市沉寂协会");
    expect(page).not.toContain("节假日安排尚未录入");
  });
});

describe("working days without a holiday calendar on 整改通知书 (R-D1(3))", () => {
  it("R-D1(3): a 整改通知书 whose deadline runs into 2027 warns staff that 2027's holidays are not entered", async () => {
    const issued = await createApp(deps()).request("/registrar/credit/notices", {
      method: "POST",
      headers: formHeaders(registrar.cookie),
      body: new URLSearchParams({
        uscc: orgUscc,
        documentNo: "示民整〔2026〕9号",
        facts: "未按章程召开会员大会",
        items: "按章程召开会员大会｜章程第十五条",
        days: "10",
      }),
    });
    expect(issued.status).toBe(303);
    const list = async () =>
      (
        await createApp(deps()).request("/registrar/credit/notices", {
          headers: { Cookie: registrar.cookie },
        })
      ).text();
    expect(await list()).toContain("该年度节假日安排尚未录入，期限按周末计算（2027年）");
    await db.run(sql`INSERT INTO holidays (date, kind, name) VALUES ('2027-01-01', 'holiday', '元旦')`);
    expect(await list()).not.toContain("节假日安排尚未录入");
  });
});
