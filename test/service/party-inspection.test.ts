import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { cadrePosts, partyMemberCounts, partyOrgVersions } from "../../db/schema";
import type { SessionUser } from "../../src/context";
import type { ReportSection } from "../../src/domain/inspection-report";
import { inspectionService as svc } from "../../src/inspection/service";
import { buildInspectionWorld, goodForms, type InspectionWorld, ok } from "../support/inspection";

/** 三同步 (R-F3): the 年检 reads the party ledger and the cadre register, and a concluded filing feeds the ledger. */
// Built afresh before each test.
let { db, world, deps } = {} as InspectionWorld;

beforeEach(async () => {
  ({ db, world, deps } = await buildInspectionWorld());
  const orgId = world.orgs.logistics.id;
  await db.insert(partyOrgVersions).values({
    orgId,
    authorityId: world.authorities.city,
    state: "confirmed",
    hasPartyOrg: true,
    orgType: "branch",
    name: "示范市物流行业协会党支部",
    secretaryName: "周书记",
    committeeSize: 3,
    effectiveOn: "2025-01-01",
  });
  await db.insert(partyMemberCounts).values({
    orgId,
    asOf: "2025-06-30",
    fullMembers: 8,
    probationaryMembers: 1,
    activists: 2,
    source: "ledger",
  });
  await db.insert(cadrePosts).values({
    orgId,
    authorityId: world.authorities.city,
    personName: "钱老",
    personKey: "k".repeat(64),
    idTail: "001X",
    birthDate: "1958-04-01",
    status: "retired",
    level: "bureau",
    cadrePosition: "原市交通局局长",
    postKind: "chair",
    postTitle: "会长",
    termStart: "2023-05-01",
    termNumber: 1,
    approvalDoc: "示组〔2023〕12号",
  });
});

async function current(user: SessionUser) {
  return (await svc.orgHome(deps, user)).current!;
}

describe("the 年检 and the party ledger (R-F3)", () => {
  it("R-F3: the party and cadre sections are offered from the confirmed ledger and the register until the organization saves them", async () => {
    const f = await current(world.users.logistics);
    expect(f.report.partyBuilding).toBeUndefined();
    expect(f.prefill.partyBuilding).toMatchObject({
      hasPartyOrg: true,
      orgName: "示范市物流行业协会党支部",
      secretaryName: "周书记",
      fullMembers: 8,
      probationaryMembers: 1,
      hasBranchCommittee: true,
      committeeSize: 3,
    });
    expect(f.prefill.cadres?.items).toEqual([
      expect.objectContaining({
        name: "钱老",
        post: "会长",
        retired: true,
        socialGroupPosts: 1,
        termsServed: 1,
      }),
    ]);
  });

  it("R-F3: the reviewer sees where the filing departs from the ledger, and the concluded filing's counts enter the ledger's history", async () => {
    const org = world.users.logistics;
    let f = await current(org);
    const forms = goodForms(2025, f.report.basicInfo?.legalRepresentative);
    for (const [section, form] of Object.entries(forms)) {
      f = (await svc.getFiling(deps, org, f.id))!;
      ok(await svc.saveSection(deps, org, f.id, section as ReportSection, form, f.version));
    }
    f = (await svc.getFiling(deps, org, f.id))!;
    ok(await svc.act(deps, org, f.id, "submit", { version: f.version, idempotencyKey: "k1" }));
    const reg = world.users.cityRegistrar;
    const seen = (await svc.getFiling(deps, reg, f.id))!;
    expect(seen.ledgerDifferences).toEqual([
      "党组织名称：台账为“示范市物流行业协会党支部”，年检填报为“示范市计算机学会党支部”",
      "书记：台账为“周书记”，年检填报为“李四”",
      "正式党员人数：台账为“8”，年检填报为“4”",
      "预备党员人数：台账为“1”，年检填报为“0”",
    ]);
    // R-F5: the filing listed no cadre; the register holds one.
    expect(seen.cadreDifferences).toEqual(["领导干部兼职登记中的钱老（会长）未在年检中填报。"]);
    for (const action of ["start_pre_review", "pass_pre_review"] as const) {
      const now = (await svc.getFiling(deps, reg, f.id))!;
      ok(await svc.act(deps, reg, f.id, action, { version: now.version }));
    }
    const now = (await svc.getFiling(deps, reg, f.id))!;
    ok(
      await svc.act(deps, reg, f.id, "conclude", {
        version: now.version,
        conclusion: "qualified",
        problems: [],
      }),
    );
    const counts =
      (await db.all(sql`SELECT as_of AS "asOf", full_members AS "full", source, source_ref AS "ref"
      FROM party_member_counts WHERE org_id = ${world.orgs.logistics.id} ORDER BY as_of`)) as Record<
        string,
        unknown
      >[];
    expect(counts).toEqual([
      { asOf: "2025-06-30", full: 8, source: "ledger", ref: null },
      { asOf: "2025-12-31", full: 4, source: "inspection", ref: `inspection:${f.id}` },
    ]);
  });
});
