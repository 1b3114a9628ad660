/**
 * Every domain setting an administrator may change at /admin/settings, with its words, its rule, and the range a
 * value must keep. A setting is a path in DomainSettings (src/config.ts, where its default from domain.md lives); its
 * fields are the leaves under that path. Cross-field limits (a minimum not above its maximum) are checked too.
 */
import type { DomainSettings } from "../config";

export type FieldKind = "int" | "bool" | "date";

export interface SettingField {
  /** Path below the setting's own (empty for a setting that is one number or one yes/no). */
  path: string[];
  label: string;
  kind: FieldKind;
  min?: number;
  max?: number;
  unit?: string;
}

export interface SettingEntry {
  key: string;
  title: string;
  /** The rule it serves (domain.md), shown to administrators. */
  rule: string;
  help: string;
  fields: SettingField[];
  /** Limits across fields: a message when the value breaks one. */
  check?: (value: Record<string, unknown>) => string | null;
  /** The value in words, where reading field by field would be clumsy. */
  words?: (value: Record<string, unknown>) => string;
}

const int = (label: string, min: number, max: number, unit = "", path: string[] = []): SettingField => ({
  path,
  label,
  kind: "int",
  min,
  max,
  unit,
});
const bool = (label: string, path: string[] = []): SettingField => ({ path, label, kind: "bool" });
/** A day, or none (the rule is off): left empty in the form. */
const day = (label: string, path: string[] = []): SettingField => ({ path, label, kind: "date" });
const TYPES = [
  ["social_group", "社会团体"],
  ["private_non_enterprise", "民办非企业单位"],
  ["foundation", "基金会"],
] as const;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const SETTINGS: readonly SettingEntry[] = [
  {
    key: "inspectionCutoff",
    title: "当年新登记组织免于参加年检的起始日期",
    rule: "R-C2",
    help: "在某年此日期之后成立登记的组织，不参加该年度的年度检查。",
    fields: [int("月", 1, 12, "月", ["month"]), int("日", 1, 31, "日", ["day"])],
    check: (v) =>
      Number(v.day) > DAYS_IN_MONTH[Number(v.month) - 1]! ? `${v.month}月没有${v.day}日。` : null,
    words: (v) => `${v.month}月${v.day}日`,
  },
  {
    key: "correctionDeadlineWorkingDays",
    title: "年检退回补正的默认期限",
    rule: "R-C3",
    help: "登记管理机关退回补正时默认给予的工作日数（可在退回时另行指定）。",
    fields: [int("期限", 1, 60, "个工作日")],
  },
  {
    key: "missedInspectionThreshold",
    title: "连续未参加年检的年数（撤销与僵尸型组织线索）",
    rule: "R-C8、R-E1(a)",
    help: "连续这么多个年度未参加年检（或按下一项设置计入的不合格）的组织，列为撤销登记与僵尸型社会组织的线索。",
    fields: TYPES.map(([k, label]) => int(label, 1, 10, "年", [k])),
  },
  {
    key: "zombieNoActivitySince",
    title: "僵尸型组织线索：自此日期以来无业务范围内活动",
    rule: "R-E1(c)",
    help: "填写日期后，此日期前成立、此后提交的年度报告均未填报业务范围内活动的组织列为线索；留空则不启用此项。",
    fields: [day("起始日期")],
  },
  {
    key: "zombieCountsUnqualified",
    title: "年检不合格是否计入僵尸型组织线索",
    rule: "R-E1(a)",
    help: "选“是”时，年检不合格的年度与未参检一样计入连续年数。",
    fields: [bool("计入")],
  },
  {
    key: "creditListsUnqualified",
    title: "年检不合格是否列为活动异常名录线索",
    rule: "R-D1(1)",
    help: "选“是”时，年检结论为不合格的组织与未参检的组织一样成为活动异常名录的候选。",
    fields: [bool("列为线索")],
  },
  {
    key: "unreachableLetterIntervalDays",
    title: "认定“无法取得联系”的两次信函间隔",
    rule: "R-D2",
    help: "向登记住所寄出的两封信函均被退回且间隔在此范围内的，认定为通过登记住所无法取得联系。",
    fields: [int("最短", 1, 365, "天", ["min"]), int("最长", 1, 730, "天", ["max"])],
    check: (v) => (Number(v.min) > Number(v.max) ? "最短间隔不能大于最长间隔。" : null),
  },
  {
    key: "creditObjectionWorkingDays",
    title: "信用名单事先告知后的陈述申辩期限",
    rule: "R-D7",
    help: "事先告知送达后，组织提出异议的工作日数。",
    fields: [int("期限", 1, 60, "个工作日")],
  },
  {
    key: "creditPublicationDays",
    title: "公告送达期限",
    rule: "R-D7、R-E3",
    help: "无法直接送达时，公告满此天数视为送达（30至60日）。",
    fields: [int("期限", 30, 60, "天")],
  },
  {
    key: "revocationHearingWorkingDays",
    title: "撤销登记事先告知后的陈述、申辩和听证申请期限",
    rule: "R-E3",
    help: "事先告知送达后，组织陈述、申辩或申请听证的工作日数。",
    fields: [int("期限", 3, 30, "个工作日")],
  },
  {
    key: "rectificationWorkingDays",
    title: "整改通知书的默认整改期限",
    rule: "R-D1(3)",
    help: "签发整改通知书时默认给予的工作日数（可在签发时另行指定）。",
    fields: [int("期限", 5, 120, "个工作日")],
  },
  {
    key: "seriousPersonBlocks",
    title: "严重违法失信名单相关责任人担任法定代表人时是否不予登记",
    rule: "联合惩戒",
    help: "选“是”时，此类人员被申报为其他组织的法定代表人，系统不允许准予登记；选“否”时仅提示登记管理机关。",
    fields: [bool("不予登记")],
  },
  {
    key: "publishPartyOrgExistence",
    title: "公开页面是否显示组织已建立党组织",
    rule: "R-F4",
    help: "选“是”时，组织的公开页面显示其是否建立党组织；党建台账的其他内容一律不公开。",
    fields: [bool("显示")],
  },
  {
    key: "statisticsMinCell",
    title: "公开统计数字的最小单元",
    rule: "统计公开",
    help: "公开统计中小于此数的数字不予显示，以免指向具体的人。",
    fields: [int("最小单元", 1, 100, "个")],
  },
  {
    key: "redList",
    title: "红名单的认定条件",
    rule: "红名单",
    help: "同时满足以下条件的组织列入红名单。",
    fields: [
      int("评估等级不低于", 1, 5, "A", ["minRating"]),
      int("最近连续年检合格", 1, 10, "个年度", ["qualifiedYears"]),
      int("未列入信用名单且未受处罚", 1, 10, "年", ["cleanYears"]),
    ],
  },
  {
    key: "prechecks.officers",
    title: "负责人任职年龄与届数",
    rule: "R-F5",
    help: "年检预审对负责人年龄和连任届数的提示界限。",
    fields: [int("最高任职年龄", 50, 90, "岁", ["maxAge"]), int("最多连任届数", 1, 10, "届", ["maxTerms"])],
  },
  {
    key: "prechecks.defaultTermYears",
    title: "未填写时假定的每届任期",
    rule: "R-C5",
    help: "年检报告未写明任期时，预审按此年数计算换届。",
    fields: [int("任期", 1, 10, "年")],
  },
  {
    key: "prechecks.retiredCadreMaxSocialGroupPosts",
    title: "退（离）休领导干部兼任社会团体职务的上限",
    rule: "R-F5",
    help: "超过此数时年检预审提示。",
    fields: [int("上限", 0, 10, "个")],
  },
  {
    key: "prechecks.yoyChangePercent",
    title: "财务数据同比变动的提示幅度",
    rule: "R-C5",
    help: "资产、负债、净资产、收入、支出与上年相比变动超过此百分比时，年检预审提示核实。",
    fields: [int("幅度", 1, 1000, "%")],
  },
  {
    key: "prechecks.publicFoundation",
    title: "公募基金会的公益支出与管理费用比例",
    rule: "R-C5",
    help: "《基金会管理条例》第二十九条：公益事业支出不低于上年总收入的比例，管理费用不高于当年总支出的比例。",
    fields: [
      int("公益支出不低于上年总收入的", 0, 100, "%", ["minCharitablePercentOfLastYearIncome"]),
      int("管理费用不高于当年总支出的", 0, 100, "%", ["maxManagementPercentOfExpenses"]),
    ],
  },
  ...TYPES.map(
    ([type, label]): SettingEntry => ({
      key: `prechecks.meetings.${type}`,
      title: `${label}章程要求的会议`,
      rule: "R-C5",
      help: "年检预审按此检查理事会、监事会和会员（代表）大会的召开次数。",
      fields: [
        int("理事会每年至少", 0, 12, "次", ["boardPerYear"]),
        int("监事会每年至少", 0, 12, "次", ["supervisoryBoardPerYear"]),
        bool("每届至少召开一次会员（代表）大会", ["generalAssemblyOncePerTerm"]),
      ],
    }),
  ),
  {
    key: "prechecks.party",
    title: "党组织设置的人数界限",
    rule: "R-F1",
    help: "党建台账和年检预审按此判断应建立的党组织形式。",
    fields: [
      int("正式党员达到此数应单独建立支部", 1, 50, "名", ["branchMinFullMembers"]),
      int("党员达到此数可设支部委员会", 1, 100, "名", ["committeeMinMembers"]),
      int("支部委员会最少", 1, 15, "人", ["committeeSize", "min"]),
      int("支部委员会最多", 1, 15, "人", ["committeeSize", "max"]),
      int("党员达到此数可建立党总支", 1, 500, "名", ["generalBranchMinMembers"]),
      int("党员达到此数可建立党委", 1, 1000, "名", ["partyCommitteeMinMembers"]),
      int("联合党支部最多覆盖", 1, 20, "个组织", ["jointBranchMaxUnits"]),
    ],
    check: (v) => {
      const size = v.committeeSize as { min: number; max: number };
      return size.min > size.max ? "支部委员会最少人数不能大于最多人数。" : null;
    },
  },
];

export const SETTING_BY_KEY = new Map(SETTINGS.map((s) => [s.key, s]));

/** The value at a dotted path of the settings. */
export function valueAt(settings: DomainSettings, key: string): unknown {
  return key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], settings);
}

/** A copy of the settings with the value at a dotted path replaced. */
export function withValue(settings: DomainSettings, key: string, value: unknown): DomainSettings {
  const parts = key.split(".");
  const set = (o: Record<string, unknown>, i: number): Record<string, unknown> => ({
    ...o,
    [parts[i]!]: i === parts.length - 1 ? value : set((o[parts[i]!] ?? {}) as Record<string, unknown>, i + 1),
  });
  return set(settings as unknown as Record<string, unknown>, 0) as unknown as DomainSettings;
}

/** A field's value inside its setting's value. */
export function fieldValue(value: unknown, field: SettingField): unknown {
  return field.path.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], value);
}

/** The form's name for a field. */
export const fieldName = (field: SettingField) => (field.path.length ? field.path.join(".") : "value");
