import { describe, expect, it } from "vitest";
import {
  type CadrePostFact,
  cadreFindings,
  coverageOf,
  type PartyFacts,
  partyFindings,
  partyOrgRequiredButMissing,
  termEndOn,
  termStatus,
} from "../../src/domain/party";
import { birthDateOf, idNumberProblem, personKey } from "../../src/people/identity";

const facts = (f: Partial<PartyFacts>): PartyFacts => ({
  hasPartyOrg: true,
  orgType: "branch",
  fullMembers: 5,
  probationaryMembers: 0,
  hasBranchCommittee: false,
  committeeSize: null,
  coveredUnits: null,
  hasInstructor: false,
  ...f,
});
const ids = (f: Partial<PartyFacts>) => partyFindings(facts(f)).map((x) => x.id);

describe("R-F1: what the rule asks of a party organization", () => {
  it("R-F1: three or more 正式党员 and no party organization → an own 党支部 is required (and R-D1(2) reads it)", () => {
    const found = partyFindings(facts({ hasPartyOrg: false, orgType: null, fullMembers: 3 }));
    expect(found.map((f) => [f.id, f.level])).toEqual([["branch_required", "required"]]);
    expect(partyOrgRequiredButMissing(found)).toBe(true);
    expect(partyOrgRequiredButMissing(partyFindings(facts({})))).toBe(false);
  });
  it("R-F1: fewer than three → a joint branch or an instructor; a covering 联合党支部 of another organization suffices", () => {
    expect(ids({ hasPartyOrg: false, orgType: null, fullMembers: 2 })).toEqual(["no_coverage"]);
    expect(ids({ hasPartyOrg: false, orgType: null, fullMembers: 2, hasInstructor: true })).toEqual([]);
    expect(ids({ hasPartyOrg: false, orgType: null, fullMembers: 2, coveredByJointBranch: true })).toEqual(
      [],
    );
  });
  it("R-F1: seven members → a 支部委员会 of 3–7", () => {
    expect(ids({ fullMembers: 6, probationaryMembers: 1 })).toEqual(["committee_required"]);
    expect(ids({ fullMembers: 7, hasBranchCommittee: true, committeeSize: 9 })).toEqual(["committee_size"]);
    expect(ids({ fullMembers: 7, hasBranchCommittee: true, committeeSize: 5 })).toEqual([]);
  });
  it("R-F1: 50 members make a 党总支 possible and 100 a 党委, as information, not a duty", () => {
    const fifty = partyFindings(facts({ fullMembers: 50, hasBranchCommittee: true, committeeSize: 5 }));
    expect(fifty.map((f) => [f.id, f.level])).toEqual([["general_branch_possible", "info"]]);
    expect(ids({ fullMembers: 100, hasBranchCommittee: true, committeeSize: 7 })).toEqual([
      "party_committee_possible",
    ]);
    expect(ids({ orgType: "general_branch", fullMembers: 20 })).toEqual(["general_branch_too_few"]);
  });
  it("R-F1: a 联合党支部 covers at most five units", () => {
    expect(ids({ orgType: "joint_branch", fullMembers: 2, coveredUnits: 6 })).toEqual(["joint_units"]);
    expect(ids({ orgType: "joint_branch", fullMembers: 2, coveredUnits: 5 })).toEqual([]);
  });
});

describe("R-F2: terms", () => {
  it("R-F2: a term is three years; 29 February ends on 28 February", () => {
    expect(termEndOn("2024-03-01")).toBe("2027-03-01");
    expect(termEndOn("2024-02-29")).toBe("2027-02-28");
  });
  it("R-F2: due from 30 days before the end, overdue after it", () => {
    expect(termStatus("2026-07-10", "2026-06-09")).toEqual({ state: "running", endsOn: "2026-07-10" });
    expect(termStatus("2026-07-10", "2026-06-10")).toEqual({
      state: "due",
      endsOn: "2026-07-10",
      daysLeft: 30,
    });
    expect(termStatus("2026-07-10", "2026-07-10")).toEqual({
      state: "due",
      endsOn: "2026-07-10",
      daysLeft: 0,
    });
    expect(termStatus("2026-07-10", "2026-07-11")).toEqual({
      state: "overdue",
      endsOn: "2026-07-10",
      daysOver: 1,
    });
    expect(termStatus(null, "2026-07-11")).toEqual({ state: "none" });
  });
});

describe("R-F3: the two coverages", () => {
  it("R-F3: organizational coverage is an own or joint party organization; work coverage adds an instructor", () => {
    expect(coverageOf({ hasPartyOrg: true, coveredByJointBranch: false, hasInstructor: false })).toEqual({
      organizational: true,
      work: true,
    });
    expect(
      coverageOf({ hasPartyOrg: false, coveredByJointBranch: true, hasInstructor: false }).organizational,
    ).toBe(true);
    expect(coverageOf({ hasPartyOrg: false, coveredByJointBranch: false, hasInstructor: true })).toEqual({
      organizational: false,
      work: true,
    });
    expect(coverageOf({ hasPartyOrg: false, coveredByJointBranch: false, hasInstructor: false }).work).toBe(
      false,
    );
  });
});

const post = (p: Partial<CadrePostFact>): CadrePostFact => ({
  id: 1,
  personKey: "k1",
  personName: "张三",
  status: "retired",
  level: "bureau",
  orgId: 1,
  orgName: "甲协会",
  orgType: "social_group",
  postKind: "chair",
  postTitle: "会长",
  isLegalRepresentative: false,
  birthDate: "1960-05-01",
  termStart: "2024-01-01",
  termNumber: 1,
  approvalDoc: "示组〔2023〕9号",
  paid: false,
  endedOn: null,
  ...p,
});
const cadreIds = (posts: CadrePostFact[], today = "2026-06-10") =>
  cadreFindings(posts, today).map((f) => f.id);

describe("R-F5: cadres holding posts, across the whole register", () => {
  it("R-F5: a retired cadre holds at most one 社团 post, counted across organizations by the person's key", () => {
    const two = [post({}), post({ id: 2, orgId: 2, orgName: "乙协会", postTitle: "副会长" })];
    const found = cadreFindings(two, "2026-06-10");
    expect(found.map((f) => [f.id, f.postIds])).toEqual([["retired_posts", [1, 2]]]);
    expect(found[0]!.message).toContain("甲协会会长、乙协会副会长");
    // Another person, or a post in a foundation, or an ended post does not count.
    expect(cadreIds([post({}), post({ id: 2, personKey: "k2" })])).toEqual([]);
    expect(cadreIds([post({}), post({ id: 2, orgType: "foundation", postKind: "director" })])).toEqual([]);
    expect(cadreIds([post({}), post({ id: 2, endedOn: "2026-01-01" })])).toEqual([]);
  });
  it("R-F5: a third term, age 70 at the term's start, pay, legal representative, no approval", () => {
    expect(cadreIds([post({ termNumber: 3 })])).toEqual(["retired_terms"]);
    expect(cadreIds([post({ birthDate: "1954-01-01" })])).toEqual(["retired_age"]);
    expect(cadreIds([post({ birthDate: "1954-01-02" })])).toEqual([]);
    expect(cadreIds([post({ paid: true })])).toEqual(["retired_paid"]);
    expect(cadreIds([post({ isLegalRepresentative: true })])).toEqual(["retired_legal_rep"]);
    expect(cadreIds([post({ approvalDoc: null })])).toEqual(["retired_unapproved"]);
  });
  it("R-F5: a serving 县处级+ cadre needs an approval; a foundation's 理事长/副理事长/秘书长 is never a serving functionary", () => {
    expect(cadreIds([post({ status: "serving", level: "county", approvalDoc: null })])).toEqual([
      "serving_unapproved",
    ]);
    expect(cadreIds([post({ status: "serving", level: "section_or_below", approvalDoc: null })])).toEqual([]);
    expect(
      cadreIds([post({ status: "serving", orgType: "foundation", postKind: "secretary_general" })]),
    ).toEqual(["foundation_functionary"]);
    expect(cadreIds([post({ status: "serving", orgType: "foundation", postKind: "director" })])).toEqual([]);
  });
});

describe("identity numbers are matched by a keyed hash, never kept whole (domain.md §8)", () => {
  it("checks the GB 11643 check character and says which is expected", () => {
    expect(idNumberProblem("11010519491231002X")).toBeNull();
    expect(idNumberProblem("110105194912310021")).toContain("最后一位应为X");
    expect(idNumberProblem("1101051949")).toContain("应为18位");
    expect(birthDateOf("11010519491231002x")).toBe("1949-12-31");
  });
  it("the same number gives the same key under one secret, and a different key under another", async () => {
    const a = await personKey("secret-one-0123456789abcdef0123456789", "11010519491231002X");
    expect(await personKey("secret-one-0123456789abcdef0123456789", " 11010519491231002x ")).toBe(a);
    expect(await personKey("secret-two-0123456789abcdef0123456789", "11010519491231002X")).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
