import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { partyMemberCounts, partyOrgVersions } from "../../db/schema";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { JOBS } from "../../src/jobs/registry";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { creditPartyJob, partyTermsJob } from "../../src/party/jobs";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** The party-building ledger's daily jobs: R-F2 term alerts and R-D1(2) credit candidates. */
let db: Db;
let cityId: number;
let orgs: { id: number; uscc: string; name: string }[];

const deps = () => ({ db, config: testConfig(), now: () => new Date("2026-06-10T02:00:00Z") });
const run = async (job: typeof partyTermsJob, today: string, dryRun = false) =>
  (await runJobs(deps(), today, { dryRun, trigger: "cli" }, [job]))[0]!.report!;

async function confirmed(orgId: number, v: Partial<typeof partyOrgVersions.$inferInsert>) {
  await db.run(sql`UPDATE party_org_versions SET superseded_on = ${v.effectiveOn ?? "2024-01-01"}
    WHERE org_id = ${orgId} AND state = 'confirmed' AND superseded_on IS NULL`);
  await db.insert(partyOrgVersions).values({
    orgId,
    authorityId: cityId,
    state: "confirmed",
    hasPartyOrg: true,
    orgType: "branch",
    name: "党支部",
    effectiveOn: "2024-01-01",
    ...v,
  });
}

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  orgs = await insertOrgs(db, [
    { name: "甲协会" },
    { name: "乙协会" },
    { name: "丙协会" },
    { name: "丁协会" },
  ]);
});

const alerts = async () =>
  (await db.all(sql`SELECT org_id AS "orgId", kind, term_end AS "termEnd", raised_on AS "raisedOn", closed_on AS "closedOn"
    FROM party_alerts ORDER BY id`)) as Record<string, unknown>[];

describe("the party-terms job (R-F2)", () => {
  it("R-F2: raises 即将届满 from 30 days before the end and 已逾期 after it, once; a confirmed new term closes it", async () => {
    await confirmed(orgs[0]!.id, { termStart: "2023-07-01", termEnd: "2026-07-01" });
    await confirmed(orgs[1]!.id, { termStart: "2023-09-01", termEnd: "2026-09-01" });

    expect((await run(partyTermsJob, "2026-05-31")).changed).toBe(0);
    const dry = await run(partyTermsJob, "2026-06-01", true);
    expect(dry.items.map((i) => i.reason)).toEqual(["委员会任期将于2026年7月1日届满"]);
    expect(await alerts()).toEqual([]);
    expect((await run(partyTermsJob, "2026-06-01")).changed).toBe(1);
    expect((await run(partyTermsJob, "2026-06-01")).changed).toBe(0);

    expect((await run(partyTermsJob, "2026-07-02")).changed).toBe(2); // close 即将届满, open 已逾期
    expect((await run(partyTermsJob, "2026-07-02")).changed).toBe(0);
    expect((await alerts()).map((a) => [a.kind, a.closedOn])).toEqual([
      ["term_due", "2026-07-02"],
      ["term_overdue", null],
    ]);

    await confirmed(orgs[0]!.id, {
      termStart: "2026-07-05",
      termEnd: "2029-07-05",
      effectiveOn: "2026-07-06",
    });
    expect((await run(partyTermsJob, "2026-07-06")).changed).toBe(1);
    expect((await alerts()).every((a) => a.closedOn !== null)).toBe(true);
    const [audited] = (await db.all(
      sql`SELECT count(*) AS n FROM audit_events WHERE action = 'party.alerts.update' AND actor_role = 'system'`,
    )) as { n: number }[];
    expect(audited!.n).toBe(3);
  });
});

describe("the credit-party job (R-D1(2))", () => {
  it("R-D1(2): three 正式党员 and no party organization make one 活动异常名录 candidate per counts record; an instructor does not cure it", async () => {
    await db.insert(partyMemberCounts).values([
      { orgId: orgs[0]!.id, asOf: "2026-05-01", fullMembers: 4, probationaryMembers: 0, source: "ledger" },
      { orgId: orgs[1]!.id, asOf: "2026-05-01", fullMembers: 2, probationaryMembers: 0, source: "ledger" },
      { orgId: orgs[2]!.id, asOf: "2026-05-01", fullMembers: 9, probationaryMembers: 0, source: "ledger" },
      { orgId: orgs[3]!.id, asOf: "2026-05-01", fullMembers: 5, probationaryMembers: 0, source: "ledger" },
    ]);
    await confirmed(orgs[2]!.id, {});
    await confirmed(orgs[3]!.id, { hasPartyOrg: false, orgType: null, name: null, instructorName: "赵指导" });

    const dry = await run(creditPartyJob, "2026-06-10", true);
    expect(dry.items.map((i) => i.label)).toEqual(["甲协会", "丁协会"]);
    expect(dry.items[0]!.reason).toBe("截至2026年5月1日有正式党员4名，未建立党组织（R-D1(2)）");
    const [none] = (await db.all(sql`SELECT count(*) AS n FROM credit_cases`)) as { n: number }[];
    expect(none!.n).toBe(0);

    expect((await run(creditPartyJob, "2026-06-10")).changed).toBe(2);
    expect((await run(creditPartyJob, "2026-06-10")).changed).toBe(0);
    const cases = (await db.all(
      sql`SELECT org_id AS "orgId", ground, state, list FROM credit_cases ORDER BY org_id`,
    )) as Record<string, unknown>[];
    expect(cases).toEqual([
      { orgId: orgs[0]!.id, ground: "d1_2", state: "candidate", list: "abnormal" },
      { orgId: orgs[3]!.id, ground: "d1_2", state: "candidate", list: "abnormal" },
    ]);
  });
});

describe("every daily job", () => {
  it("a second run on the same day changes nothing", async () => {
    await db.insert(partyMemberCounts).values({
      orgId: orgs[0]!.id,
      asOf: "2026-05-01",
      fullMembers: 4,
      probationaryMembers: 0,
      source: "ledger",
    });
    await confirmed(orgs[1]!.id, { termStart: "2023-06-01", termEnd: "2026-06-01" });
    const first = await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, JOBS);
    expect(first.every((r) => r.report)).toBe(true);
    expect(first.reduce((n, r) => n + r.report!.changed, 0)).toBeGreaterThan(0);
    const second = await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, JOBS);
    expect(second.map((r) => [r.job, r.report!.changed])).toEqual(JOBS.map((j) => [j.name, 0]));
  });
});
