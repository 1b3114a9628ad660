/**
 * Party building (党建) and cadres holding posts (领导干部兼职): the pure rules of domain.md §6 (R-F1…R-F5).
 *
 * The ledger (党建工作台账, R-F4) is the organization's standing record; these functions judge one state of it: what
 * R-F1 asks of its party organization, whether a 支委会 term is due or overdue (R-F2), which of the 两个覆盖 it meets
 * (R-F3), and, across the whole cadre register, which posts break R-F5. No I/O: callers pass the facts and `today`.
 */
import { PARTY_ORG_TYPE_LABELS, type PartyOrgType, type PostKind } from "./inspection-report";

/** R-F1 thresholds (the same numbers the 年检 precheck uses). */
export interface PartyThresholds {
  /** 正式党员 needed for an own 党支部. */
  branchMinFullMembers: number;
  /** Party members from which a 支部委员会 is set up. */
  committeeMinMembers: number;
  committeeSize: { min: number; max: number };
  /** Members from which a 党总支 / 党委 may be set up. */
  generalBranchMinMembers: number;
  partyCommitteeMinMembers: number;
  /** Units a 联合党支部 may cover. */
  jointBranchMaxUnits: number;
}

export const DEFAULT_PARTY_THRESHOLDS: PartyThresholds = {
  branchMinFullMembers: 3,
  committeeMinMembers: 7,
  committeeSize: { min: 3, max: 7 },
  generalBranchMinMembers: 50,
  partyCommitteeMinMembers: 100,
  jointBranchMaxUnits: 5,
};

/** The facts R-F1 reads, from a filing's party section or from the ledger. */
export interface PartyFacts {
  hasPartyOrg: boolean;
  orgType: PartyOrgType | null;
  fullMembers: number;
  probationaryMembers: number;
  hasBranchCommittee: boolean;
  committeeSize: number | null;
  /** For a 联合党支部 this organization leads: the units it covers. */
  coveredUnits: number | null;
  hasInstructor: boolean;
  /** The organization is one of the units another organization's 联合党支部 covers (ledger only). */
  coveredByJointBranch?: boolean;
}

export type PartyFindingId =
  | "branch_required"
  | "own_branch_expected"
  | "no_coverage"
  | "too_few_for_own"
  | "committee_required"
  | "committee_not_needed"
  | "committee_size"
  | "general_branch_too_few"
  | "party_committee_too_few"
  | "joint_units"
  | "general_branch_possible"
  | "party_committee_possible";

export interface PartyFinding {
  id: PartyFindingId;
  /** The fact the finding is about (a form field name). */
  field:
    | "hasPartyOrg"
    | "orgType"
    | "hasInstructor"
    | "fullMembers"
    | "hasBranchCommittee"
    | "committeeSize"
    | "coveredUnits";
  /** `required`: R-F1 asks for something that is missing (R-D1(2) reads `branch_required`); `check`: please verify;
   * `info`: a possibility the rule opens, not a duty. */
  level: "required" | "check" | "info";
  message: string;
}

/** R-F1: what the rule asks of this organization's party organization, each finding with its explanation. */
export function partyFindings(p: PartyFacts, s: PartyThresholds = DEFAULT_PARTY_THRESHOLDS): PartyFinding[] {
  const out: PartyFinding[] = [];
  const all = p.fullMembers + p.probationaryMembers;
  const typeLabel = p.orgType ? PARTY_ORG_TYPE_LABELS[p.orgType] : "";
  const add = (
    id: PartyFindingId,
    field: PartyFinding["field"],
    level: PartyFinding["level"],
    message: string,
  ) => out.push({ id, field, level, message });

  if (p.fullMembers >= s.branchMinFullMembers) {
    if (!p.hasPartyOrg) {
      add(
        "branch_required",
        "hasPartyOrg",
        "required",
        `本单位有正式党员 ${p.fullMembers} 名，达到 ${s.branchMinFullMembers} 名，应当单独建立党支部。请核对党员人数；尚未建立的，请联系党建工作机构抓紧组建。`,
      );
    } else if (p.orgType === "joint_branch") {
      add(
        "own_branch_expected",
        "orgType",
        "check",
        `本单位有正式党员 ${p.fullMembers} 名，达到 ${s.branchMinFullMembers} 名，一般应单独建立党支部，而不是参加联合党支部。请核对。`,
      );
    }
  } else {
    if (!p.hasPartyOrg && !p.hasInstructor && !p.coveredByJointBranch) {
      add(
        "no_coverage",
        "hasInstructor",
        "required",
        `本单位正式党员不足 ${s.branchMinFullMembers} 名（${p.fullMembers} 名），应当参加联合党支部，或由党建工作指导员开展工作，实现党的工作覆盖。请填写相应情况。`,
      );
    }
    if (
      p.hasPartyOrg &&
      (p.orgType === "branch" || p.orgType === "general_branch" || p.orgType === "party_committee")
    ) {
      add(
        "too_few_for_own",
        "fullMembers",
        "check",
        `单独建立${typeLabel}需要正式党员 ${s.branchMinFullMembers} 名以上，本单位 ${p.fullMembers} 名。请核对党员人数或党组织类型。`,
      );
    }
  }

  if (p.hasPartyOrg && p.orgType === "branch") {
    if (all >= s.committeeMinMembers && !p.hasBranchCommittee) {
      add(
        "committee_required",
        "hasBranchCommittee",
        "required",
        `党员 ${all} 名（正式 ${p.fullMembers} 名、预备 ${p.probationaryMembers} 名），达到 ${s.committeeMinMembers} 名，党支部应当设立支部委员会（${s.committeeSize.min}–${s.committeeSize.max} 人）。`,
      );
    }
    if (all < s.committeeMinMembers && p.hasBranchCommittee) {
      add(
        "committee_not_needed",
        "hasBranchCommittee",
        "check",
        `党员不足 ${s.committeeMinMembers} 名（${all} 名）的党支部不设支部委员会，只设书记（必要时设副书记）。请核对。`,
      );
    }
  }
  if (p.hasPartyOrg && p.hasBranchCommittee && p.committeeSize !== null) {
    if (p.committeeSize < s.committeeSize.min || p.committeeSize > s.committeeSize.max) {
      add(
        "committee_size",
        "committeeSize",
        "check",
        `支部委员会一般由 ${s.committeeSize.min}–${s.committeeSize.max} 人组成，现为 ${p.committeeSize} 人。请核对。`,
      );
    }
  }
  if (p.hasPartyOrg && p.orgType === "general_branch" && all < s.generalBranchMinMembers) {
    add(
      "general_branch_too_few",
      "orgType",
      "check",
      `党员 ${s.generalBranchMinMembers} 名以上才可设立党总支，本单位 ${all} 名。请核对党员人数或党组织类型。`,
    );
  }
  if (p.hasPartyOrg && p.orgType === "party_committee" && all < s.partyCommitteeMinMembers) {
    add(
      "party_committee_too_few",
      "orgType",
      "check",
      `党员 ${s.partyCommitteeMinMembers} 名以上才可设立党委，本单位 ${all} 名。请核对党员人数或党组织类型。`,
    );
  }
  if (p.hasPartyOrg && p.orgType === "joint_branch" && (p.coveredUnits ?? 0) > s.jointBranchMaxUnits) {
    add(
      "joint_units",
      "coveredUnits",
      "check",
      `联合党支部覆盖的单位一般不超过 ${s.jointBranchMaxUnits} 个，现为 ${p.coveredUnits} 个。请核对。`,
    );
  }
  if (p.hasPartyOrg && (p.orgType === "branch" || p.orgType === "joint_branch")) {
    if (all >= s.partyCommitteeMinMembers) {
      add(
        "party_committee_possible",
        "orgType",
        "info",
        `党员 ${all} 名，达到 ${s.partyCommitteeMinMembers} 名，经上级党组织批准可以设立党委。`,
      );
    } else if (all >= s.generalBranchMinMembers) {
      add(
        "general_branch_possible",
        "orgType",
        "info",
        `党员 ${all} 名，达到 ${s.generalBranchMinMembers} 名，经上级党组织批准可以设立党总支。`,
      );
    }
  }
  return out;
}

/** R-D1(2): R-F1 requires an own party organization and there is none. */
export function partyOrgRequiredButMissing(findings: readonly PartyFinding[]): boolean {
  return findings.some((f) => f.id === "branch_required");
}

// R-F2: terms ---------------------------------------------------------------------------------------------------------

/** R-F2: a 支委会 (or 党总支 / 党委 committee) term is 3 years; the alert starts this many days before it ends. */
export const TERM_YEARS = 3;
export const TERM_ALERT_DAYS = 30;

export type TermStatus =
  | { state: "none" }
  | { state: "running"; endsOn: string }
  | { state: "due"; endsOn: string; daysLeft: number }
  | { state: "overdue"; endsOn: string; daysOver: number };

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** The day a term that began on `startedOn` ends (R-F2: three years). */
export function termEndOn(startedOn: string): string {
  const [y, m, d] = startedOn.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + TERM_YEARS, m - 1, d));
  // 29 February + 3 years has no day: the term ends on 28 February.
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0);
  return end.toISOString().slice(0, 10);
}

/** R-F2: where a term stands on `today`: due from TERM_ALERT_DAYS before its end, overdue after it. */
export function termStatus(termEnd: string | null, today: string, alertDays = TERM_ALERT_DAYS): TermStatus {
  if (!termEnd) return { state: "none" };
  const left = dayNumber(termEnd) - dayNumber(today);
  if (left < 0) return { state: "overdue", endsOn: termEnd, daysOver: -left };
  if (left <= alertDays) return { state: "due", endsOn: termEnd, daysLeft: left };
  return { state: "running", endsOn: termEnd };
}

// R-F3: the two coverages ---------------------------------------------------------------------------------------------

export interface Coverage {
  /** 组织覆盖: its own party organization, or a 联合党支部 that covers it. */
  organizational: boolean;
  /** 工作覆盖: organizational coverage, or at least a 党建工作指导员 / liaison. */
  work: boolean;
}

export function coverageOf(facts: {
  hasPartyOrg: boolean;
  coveredByJointBranch: boolean;
  hasInstructor: boolean;
}): Coverage {
  const organizational = facts.hasPartyOrg || facts.coveredByJointBranch;
  return { organizational, work: organizational || facts.hasInstructor };
}

// R-F5: the cadre register ---------------------------------------------------------------------------------------------

export const CADRE_STATUSES = ["retired", "serving"] as const;
export type CadreStatus = (typeof CADRE_STATUSES)[number];
export const CADRE_STATUS_LABELS: Record<CadreStatus, string> = {
  retired: "退（离）休领导干部",
  serving: "现职领导干部",
};

/** One post a cadre holds in an organization, as the register keeps it. */
export interface CadrePostFact {
  id: number;
  /** Keyed hash of the identity number: the same person across organizations. */
  personKey: string;
  personName: string;
  status: CadreStatus;
  level: "section_or_below" | "county" | "bureau" | "province";
  orgId: number;
  orgName: string;
  orgType: "social_group" | "private_non_enterprise" | "foundation";
  postKind: PostKind;
  postTitle: string;
  isLegalRepresentative: boolean;
  birthDate: string;
  termStart: string;
  termNumber: number;
  approvalDoc: string | null;
  paid: boolean;
  endedOn: string | null;
}

export type CadreFindingId =
  | "retired_posts"
  | "retired_terms"
  | "retired_age"
  | "retired_paid"
  | "retired_legal_rep"
  | "retired_unapproved"
  | "serving_unapproved"
  | "foundation_functionary";

export interface CadreFinding {
  id: CadreFindingId;
  /** The posts (register rows) the finding is about. */
  postIds: number[];
  personName: string;
  message: string;
}

export interface CadreLimits {
  maxAge: number;
  maxTerms: number;
  retiredMaxSocialGroupPosts: number;
}

export const DEFAULT_CADRE_LIMITS: CadreLimits = { maxAge: 70, maxTerms: 2, retiredMaxSocialGroupPosts: 1 };

const COUNTY_OR_ABOVE = new Set(["county", "bureau", "province"]);
const FOUNDATION_LEADING_POSTS = new Set<PostKind>(["chair", "vice_chair", "secretary_general"]);

/** Full years of age on a day. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const active = (p: CadrePostFact, today: string) => p.endedOn === null || p.endedOn > today;

/**
 * R-F5 across the whole register (every organization, every authority in this database), not one filing: each
 * finding names the rule's limit and the posts that break it. Ended posts are history and break nothing.
 */
export function cadreFindings(
  posts: readonly CadrePostFact[],
  today: string,
  limits: CadreLimits = DEFAULT_CADRE_LIMITS,
): CadreFinding[] {
  const out: CadreFinding[] = [];
  const current = posts.filter((p) => active(p, today));
  const who = (p: CadrePostFact) => `${p.personName}（${p.orgName}，${p.postTitle}）`;

  // A retired cadre: at most N 社团 posts, counted across the register by the person's key.
  const socialGroupPosts = new Map<string, CadrePostFact[]>();
  for (const p of current) {
    if (p.status !== "retired" || p.orgType !== "social_group") continue;
    const list = socialGroupPosts.get(p.personKey) ?? [];
    list.push(p);
    socialGroupPosts.set(p.personKey, list);
  }
  for (const list of socialGroupPosts.values()) {
    if (list.length <= limits.retiredMaxSocialGroupPosts) continue;
    out.push({
      id: "retired_posts",
      postIds: list.map((p) => p.id),
      personName: list[0]!.personName,
      message: `退（离）休领导干部${list[0]!.personName}同时兼任 ${list.length} 个社会团体职务（${list.map((p) => `${p.orgName}${p.postTitle}`).join("、")}），最多 ${limits.retiredMaxSocialGroupPosts} 个。`,
    });
  }

  for (const p of current) {
    const one = (id: CadreFindingId, message: string) =>
      out.push({ id, postIds: [p.id], personName: p.personName, message });
    if (p.status === "retired") {
      if (p.termNumber > limits.maxTerms) {
        one(
          "retired_terms",
          `${who(p)}为第 ${p.termNumber} 届任职，退（离）休领导干部兼职不超过 ${limits.maxTerms} 届。`,
        );
      }
      const age = ageOn(p.birthDate, p.termStart);
      if (age >= limits.maxAge) {
        one(
          "retired_age",
          `${who(p)}本届任职开始时已满 ${age} 周岁，兼职任职年龄界限为 ${limits.maxAge} 周岁。`,
        );
      }
      if (p.paid)
        one("retired_paid", `${who(p)}领取报酬；退（离）休领导干部兼职不得领取薪酬、奖金、津贴等报酬。`);
      if (p.isLegalRepresentative) {
        one("retired_legal_rep", `${who(p)}担任法定代表人；退（离）休领导干部一般不得担任法定代表人。`);
      }
      if (!p.approvalDoc)
        one("retired_unapproved", `${who(p)}无批准记录；退（离）休领导干部兼职每届都须经批准。`);
    } else {
      if (COUNTY_OR_ABOVE.has(p.level) && !p.approvalDoc) {
        one("serving_unapproved", `现职县处级以上领导干部${who(p)}兼任社会组织领导职务，无批准记录。`);
      }
      if (p.orgType === "foundation" && FOUNDATION_LEADING_POSTS.has(p.postKind)) {
        one(
          "foundation_functionary",
          `${who(p)}为现职国家工作人员；基金会的理事长、副理事长和秘书长不得由现职国家工作人员兼任。`,
        );
      }
    }
  }
  return out;
}

export const CADRE_FINDING_LABELS: Record<CadreFindingId, string> = {
  retired_posts: "兼任社团职务超过限额",
  retired_terms: "连任超过两届",
  retired_age: "超过任职年龄界限",
  retired_paid: "领取报酬",
  retired_legal_rep: "担任法定代表人",
  retired_unapproved: "兼职未经批准",
  serving_unapproved: "现职干部兼职未经批准",
  foundation_functionary: "基金会负责人由现职国家工作人员兼任",
};

/** A change to a party organization's record: pending review, confirmed, rejected, or withdrawn by its filer. */
export const PARTY_VERSION_STATES = ["pending", "confirmed", "rejected", "withdrawn"] as const;
export type PartyVersionState = (typeof PARTY_VERSION_STATES)[number];

/** Where a party member count came from: the ledger, an inspection report, or a registration. */
export const MEMBER_COUNT_SOURCES = ["ledger", "inspection", "registration"] as const;
export type MemberCountSource = (typeof MEMBER_COUNT_SOURCES)[number];
