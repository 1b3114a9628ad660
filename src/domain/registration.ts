/**
 * Registration rules (登记): founding minimums, names, legal representatives, time limits. Pure functions of
 * plain data; each problem names the field it concerns and the rule (domain.md §1) so forms can show it in place.
 */
import type { AuthorityLevel, OrgType } from "./org-kinds";
import { addWorkingDays, toDayNumber, type WorkingDayCalendar, workingDaysRemaining } from "./working-days";

export interface RuleProblem {
  field: string;
  rule: string;
  message: string;
  /** A block stops submission and approval; a warning travels with the application to the registrar. */
  level: "block" | "warning";
}

const block = (field: string, rule: string, message: string): RuleProblem => ({
  field,
  rule,
  message,
  level: "block",
});
const warn = (field: string, rule: string, message: string): RuleProblem => ({
  field,
  rule,
  message,
  level: "warning",
});

const yuan = (fen: number) => `${(fen / 100).toLocaleString("zh-CN")} 元`;

export interface FoundingFacts {
  type: OrgType;
  /** The level of the registering authority: national rules differ from local ones (R-A1, R-A2). */
  level: AuthorityLevel;
  individualMembers: number;
  unitMembers: number;
  capitalFen: number;
  /** 基金会: 公募 or 非公募. */
  foundationKind?: "public" | "non_public" | null;
  boardSize?: number | null;
  boardTermYears?: number | null;
  /** R-F3: the 支持党建工作承诺书 is with the application. */
  partyCommitment: boolean;
  /** R-F3: the 党员情况调查表 is filled in (member counts; 0 where there are none). */
  partySurvey: boolean;
  /** The charter (章程) text. */
  charter: string;
}

/** R-A1 社团 minimums of 活动资金, in fen. */
export const SOCIAL_GROUP_CAPITAL_FEN = { national: 10_000_000, local: 3_000_000 } as const;
/** R-A2 基金会 原始基金 minimums, in fen. */
export const FOUNDATION_CAPITAL_FEN = {
  nationalPublic: 800_000_000,
  localPublic: 400_000_000,
  nonPublic: 200_000_000,
} as const;

/** The levels of authority that register foundations (domain.md §1: 基金会 are registered by a province or 民政部). */
export const FOUNDATION_LEVELS: readonly AuthorityLevel[] = ["national", "province"];

/** Whether an authority of this level may register the type (a city or district registrar takes no 基金会). */
export function mayRegisterType(type: OrgType, level: AuthorityLevel): boolean {
  return type !== "foundation" || FOUNDATION_LEVELS.includes(level);
}

/** The explanation the forms show where 基金会 is not offered. */
export const FOUNDATION_LEVEL_MESSAGE =
  "基金会由省级以上人民政府民政部门登记；本登记管理机关为市、县级，不受理基金会成立登记，请向省级民政部门申请。";

/** 基金会 registration level: a 成立 application for a foundation filed with a city or district registrar is blocked. */
export function foundationLevelProblems(type: OrgType, level: AuthorityLevel): RuleProblem[] {
  return mayRegisterType(type, level) ? [] : [block("type", "R-A2", FOUNDATION_LEVEL_MESSAGE)];
}

/** R-A1, R-A2, R-F3: what a 成立 application must meet, checked as the applicant works and again on approval. */
export function foundingProblems(f: FoundingFacts): RuleProblem[] {
  const out: RuleProblem[] = [...foundationLevelProblems(f.type, f.level)];
  const national = f.level === "national";
  if (f.type === "social_group") {
    const ind = f.individualMembers;
    const unit = f.unitMembers;
    const enough = unit === 0 ? ind >= 50 : ind === 0 ? unit >= 30 : ind + unit >= 50;
    if (!enough) {
      out.push(
        block(
          "individualMembers",
          "R-A1",
          `社会团体成立需有 50 个以上个人会员，或 30 个以上单位会员；两者兼有时合计 50 个以上。现为个人会员 ${ind} 个、单位会员 ${unit} 个。`,
        ),
      );
    }
    const min = national ? SOCIAL_GROUP_CAPITAL_FEN.national : SOCIAL_GROUP_CAPITAL_FEN.local;
    if (f.capitalFen < min) {
      out.push(
        block(
          "capital",
          "R-A1",
          `${national ? "全国性" : "地方性"}社会团体的活动资金不少于 ${yuan(min)}，现为 ${yuan(f.capitalFen)}。`,
        ),
      );
    }
  }
  if (f.type === "foundation") {
    if (f.foundationKind !== "public" && f.foundationKind !== "non_public") {
      out.push(block("foundationKind", "R-A2", "请选择基金会类型：公募或非公募。"));
    } else {
      const min =
        f.foundationKind === "non_public"
          ? FOUNDATION_CAPITAL_FEN.nonPublic
          : national
            ? FOUNDATION_CAPITAL_FEN.nationalPublic
            : FOUNDATION_CAPITAL_FEN.localPublic;
      if (f.capitalFen < min) {
        out.push(
          block(
            "capital",
            "R-A2",
            `该类基金会的原始基金不少于 ${yuan(min)}，且须为到账货币资金；现为 ${yuan(f.capitalFen)}。`,
          ),
        );
      }
    }
    const board = f.boardSize ?? 0;
    if (board < 5 || board > 25) {
      out.push(block("boardSize", "R-A2", `基金会理事会由 5 至 25 名理事组成，现为 ${board} 名。`));
    }
    const term = f.boardTermYears ?? 0;
    if (term < 1 || term > 5) out.push(block("boardTermYears", "R-A2", "理事每届任期不得超过 5 年。"));
  }
  if (f.capitalFen <= 0 && f.type === "private_non_enterprise") {
    out.push(block("capital", "R-A5", "请填写开办资金。"));
  }
  if (!f.partyCommitment) {
    out.push(block("partyCommitment", "R-F3", "申请成立登记须同时提交《支持党建工作承诺书》。"));
  }
  if (!f.partySurvey) {
    out.push(
      block(
        "partyFullMembers",
        "R-F3",
        "请填写党员情况调查表：发起人和拟任负责人中的正式党员、预备党员人数（没有的填 0），发证前据此建立党建工作台账。",
      ),
    );
  }
  if (f.charter.trim().length < 50) {
    out.push(
      block(
        "charter",
        "R-A6",
        "请提交完整的章程草案（至少包括宗旨、业务范围、组织机构、负责人产生程序、资产管理和终止程序）。",
      ),
    );
  }
  return out;
}

const BANNED_WORDS = ["第一", "最高", "国家级"] as const;
const NATIONAL_PREFIXES = ["中国", "全国", "中华"] as const;

/** The organizational-form endings by type, longest first (used to find the 字号 and to warn about odd names). */
export const NAME_SUFFIXES: Record<OrgType, readonly string[]> = {
  social_group: ["研究会", "促进会", "联合会", "联谊会", "校友会", "同乡会", "协会", "学会", "商会", "总会"],
  private_non_enterprise: [
    "社会工作服务中心",
    "服务中心",
    "培训学校",
    "研究院",
    "研究所",
    "中心",
    "学校",
    "医院",
    "幼儿园",
    "养老院",
    "敬老院",
    "博物馆",
    "图书馆",
    "院",
    "所",
    "园",
    "馆",
    "社",
    "站",
  ],
  foundation: ["基金会"],
};

export interface NameFacts {
  name: string;
  /** Null before the applicant has chosen a type: only the checks that hold for every type run then. */
  type: OrgType | null;
  level: AuthorityLevel;
  /** The place names an organization of this authority may begin with (示范市, 市, 东湖区 …). */
  regionPrefixes: readonly string[];
  /** Names already registered with the authority (any status), for uniqueness and similarity. */
  existingNames: readonly string[];
}

/** The 字号 and business words: the name without its region prefix and organizational form. */
export function nameCore(name: string, type: OrgType, regionPrefixes: readonly string[]): string {
  let core = name.trim();
  const prefix = [...regionPrefixes].sort((a, b) => b.length - a.length).find((p) => core.startsWith(p));
  if (prefix) core = core.slice(prefix.length);
  const suffix = NAME_SUFFIXES[type].find((s) => core.endsWith(s));
  if (suffix) core = core.slice(0, core.length - suffix.length);
  return core;
}

/** R-A4 (社会组织名称管理办法, 民政部令第69号): a proposed name's problems. */
export function nameProblems(f: NameFacts): RuleProblem[] {
  const out: RuleProblem[] = [];
  const name = f.name.trim();
  if (name.length < 4)
    return [block("name", "R-A4", "名称过短：应由行政区划、字号或业务领域、组织形式组成。")];
  if (name.length > 50) return [block("name", "R-A4", "名称不能超过 50 个字。")];
  if (/[^\p{Script=Han}A-Za-z0-9（）()·]/u.test(name)) {
    out.push(block("name", "R-A4", "名称只能使用汉字（必要时可含字母、数字和括号），不能含空格或其他符号。"));
  }
  const local = f.level !== "national";
  if ((local || f.type === "private_non_enterprise") && NATIONAL_PREFIXES.some((p) => name.startsWith(p))) {
    out.push(block("name", "R-A4", "地方性社会团体和民办非企业单位的名称不得以“中国”“全国”“中华”开头。"));
  }
  const banned = BANNED_WORDS.filter((w) => name.includes(w));
  if (banned.length > 0) out.push(block("name", "R-A4", `名称不得使用“${banned.join("”“")}”等字词。`));
  if (f.type === "private_non_enterprise") {
    if (name.includes("总")) out.push(block("name", "R-A4", "民办非企业单位的名称不得含有“总”字。"));
    if (nameCore(name, f.type, f.regionPrefixes).length < 2) {
      out.push(block("name", "R-A4", "民办非企业单位的字号应不少于 2 个字。"));
    }
  }
  const suffixes = f.type ? NAME_SUFFIXES[f.type] : null;
  if (suffixes && !suffixes.some((s) => name.endsWith(s))) {
    out.push(
      warn("name", "R-A4", `名称通常以组织形式结尾（如${suffixes.slice(0, 4).join("、")}），请确认。`),
    );
  }
  if (f.regionPrefixes.length > 0 && !f.regionPrefixes.some((p) => name.startsWith(p))) {
    out.push(
      warn("name", "R-A4", `地方性社会组织的名称一般冠以所在行政区划名称（如“${f.regionPrefixes[0]}”）。`),
    );
  }
  if (f.existingNames.includes(name)) {
    out.push(block("name", "R-A4", "本登记管理机关已有同名的社会组织，名称不能重复。"));
  } else if (f.type) {
    const core = nameCore(name, f.type, f.regionPrefixes);
    const similar = core.length >= 2 ? f.existingNames.filter((n) => n !== name && n.includes(core)) : [];
    if (similar.length > 0) {
      out.push(warn("name", "R-A4", `与已登记的“${similar.slice(0, 3).join("”“")}”名称近似，可能引起混淆。`));
    }
  }
  return out;
}

/** R-A3: the organizations a person already represents, as the register knows them (by name: no ID numbers held). */
export interface RepresentedOrg {
  name: string;
  type: OrgType;
}

export function legalRepresentativeProblems(
  type: OrgType,
  person: string,
  represents: readonly RepresentedOrg[],
): RuleProblem[] {
  if (!person.trim()) return [block("legalRepresentative", "R-A5", "请填写法定代表人。")];
  // R-A3 both ways: a foundation's legal representative represents no other organization, so whoever already
  // represents a foundation is refused for any organization, and a foundation refuses whoever represents another.
  const foundation = represents.find((o) => o.type === "foundation");
  if (type !== "foundation" && foundation) {
    return [
      block(
        "legalRepresentative",
        "R-A3",
        `${person} 已担任“${foundation.name}”的法定代表人；基金会的法定代表人不得同时担任其他组织的法定代表人。如系同名不同人，请在说明中注明并由登记管理机关核实。`,
      ),
    ];
  }
  const groups = represents.filter((o) => o.type === "social_group");
  if (type === "social_group" && groups.length > 0) {
    return [
      block(
        "legalRepresentative",
        "R-A3",
        `${person} 已担任“${groups[0]!.name}”的法定代表人；一人只能担任一个社会团体的法定代表人。如系同名不同人，请在说明中注明并由登记管理机关核实。`,
      ),
    ];
  }
  if (type === "foundation" && represents.length > 0) {
    return [
      block(
        "legalRepresentative",
        "R-A3",
        `基金会的法定代表人不得同时担任其他组织的法定代表人；${person} 已担任“${represents[0]!.name}”的法定代表人。`,
      ),
    ];
  }
  return [];
}

// ------------------------------------------------------------------------------------------------ time limits (R-A6)

export const APPLICATION_KINDS = ["establishment", "change", "charter", "deregistration"] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export const APPLICATION_KIND_LABELS: Record<ApplicationKind, string> = {
  establishment: "成立登记",
  change: "变更登记",
  charter: "章程核准",
  deregistration: "注销登记",
};

/** R-A6 [C]: the registrar's decision limit in working days, counted from complete files (the latest submission). */
export interface DecisionLimits {
  establishment: number;
  /** 慈善组织: 30 days. */
  establishmentCharity: number;
  change: number;
  charter: number;
  deregistration: number;
}

export const DEFAULT_DECISION_LIMITS: DecisionLimits = {
  establishment: 60,
  establishmentCharity: 30,
  change: 30,
  charter: 30,
  deregistration: 30,
};

export function decisionDueOn(
  kind: ApplicationKind,
  completeOn: string,
  charity: boolean,
  limits: DecisionLimits = DEFAULT_DECISION_LIMITS,
  calendar?: WorkingDayCalendar,
): string {
  const days =
    kind === "establishment" ? (charity ? limits.establishmentCharity : limits.establishment) : limits[kind];
  return addWorkingDays(completeOn, days, calendar);
}

/** Working days left until `dueOn` (negative when overdue). */
export const workingDaysLeft = workingDaysRemaining;

/** R-A6: the organization's own filing limits, in calendar days: 变更 / 章程核准 30 after the supervisor approves; 注销 15 after 清算 ends. */
export const FILING_LIMIT_DAYS = { change: 30, charter: 30, deregistration: 15 } as const;

export function filingLimitProblem(
  kind: "change" | "charter" | "deregistration",
  startedOn: string | null,
  filedOn: string,
): RuleProblem | null {
  if (!startedOn) return null;
  const late = toDayNumber(filedOn) - toDayNumber(startedOn) - FILING_LIMIT_DAYS[kind];
  if (late <= 0) return null;
  const what = kind === "deregistration" ? "清算结束之日起 15 日内" : "业务主管单位同意之日起 30 日内";
  return warn(
    kind === "deregistration" ? "liquidationEndedOn" : "supervisorApprovedOn",
    "R-A6",
    `应在${what}申请，已超过 ${late} 日；登记管理机关将一并审查逾期原因。`,
  );
}

/** R-A11: the four categories that may register directly, without a 业务主管单位. */
export const DIRECT_CATEGORIES = ["trade_association", "science", "charity", "community"] as const;
export type DirectCategory = (typeof DIRECT_CATEGORIES)[number];
export const DIRECT_CATEGORY_LABELS: Record<DirectCategory, string> = {
  trade_association: "行业协会商会类",
  science: "科技类",
  charity: "公益慈善类",
  community: "城乡社区服务类",
};

/** The register fields a 变更登记 may change. */
export const CHANGE_ITEMS = [
  "name",
  "address",
  "legalRepresentative",
  "purpose",
  "businessScope",
  "capital",
  "supervisor",
  "activityArea",
] as const;
export type ChangeItem = (typeof CHANGE_ITEMS)[number];
export const CHANGE_ITEM_LABELS: Record<ChangeItem, string> = {
  name: "名称",
  address: "住所",
  legalRepresentative: "法定代表人",
  purpose: "宗旨",
  businessScope: "业务范围",
  capital: "注册资金 / 开办资金",
  supervisor: "业务主管单位",
  activityArea: "活动地域",
};

/** A registrar's import from the browser: previewed, running in chunks, done, or cancelled. */
export const IMPORT_JOB_STATES = ["previewed", "running", "done", "cancelled"] as const;
