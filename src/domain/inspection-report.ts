/**
 * The annual report (年度工作报告) as typed data, section by section (R-C5), with a zod schema per section that the
 * edge validates form input with (messages in Chinese, next to the field).
 *
 * Conventions for the schemas: money is a string in yuan as typed (parsed exactly into integer fen by
 * `moneyField`) or a number already in fen (stored data); counts accept digits (full-width too); dates are
 * 'YYYY-MM-DD'; yes/no questions accept true/false, "1"/"0", "yes"/"no", "是"/"否", "on" (a ticked checkbox).
 * Each section saves on its own, so a draft report has any subset of the sections.
 *
 * Basic information is never taken from the form: it is copied from the register (`basicInfoFromRegister`) and is
 * read-only inside the report; only 变更登记 changes it (R-C3).
 */
import { z } from "zod";
import {
  checkbox,
  count,
  date,
  enumField,
  optionalCount,
  optionalDate,
  optionalEnum,
  optionalText,
  text,
  yesNo,
} from "./fields";
import { type FinancesSection, financesSchema } from "./inspection-finances";
import { moneyField } from "./money";
import type { OrgType, SupervisionMode } from "./org-kinds";
import type { Conclusion } from "./workflow";

const amount = () => moneyField();

// ---------------------------------------------------------------------------------------------------------------
// Sections

export const REPORT_SECTIONS = [
  "basicInfo",
  "meetings",
  "termChange",
  "staff",
  "branches",
  "finances",
  "donations",
  "activities",
  "partyBuilding",
  "cadres",
  "declaration",
  "rectification",
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_LABELS: Record<ReportSection, string> = {
  basicInfo: "基本信息",
  meetings: "会议召开情况",
  termChange: "换届与负责人",
  staff: "工作人员",
  branches: "分支机构、代表机构",
  finances: "财务状况",
  donations: "接受捐赠与资助",
  activities: "重大活动",
  partyBuilding: "党建工作",
  cadres: "党政领导干部兼职",
  declaration: "承诺与签署",
  rectification: "整改报告",
};

/** Sections the filer fills in (basic information comes from the register). */
export const FILER_SECTIONS: readonly ReportSection[] = REPORT_SECTIONS.filter((s) => s !== "basicInfo");

// Basic information (read-only, from the register) ----------------------------------------------------------------

export const basicInfoSchema = z.object({
  uscc: z.string(),
  name: z.string(),
  type: z.enum(["social_group", "private_non_enterprise", "foundation"]),
  legalRepresentative: z.string(),
  address: z.string(),
  activityArea: z.string(),
  businessScope: z.string(),
  supervisionMode: z.enum(["supervised", "direct", "decoupled"]),
  supervisor: z.string().nullable(),
  partyBuildingAuthority: z.string().nullable(),
  registeredOn: z.string(),
  capitalFen: z.number().int(),
  foundationKind: z.enum(["public", "non_public"]).nullable(),
  isCharity: z.boolean(),
});
export type BasicInfo = z.infer<typeof basicInfoSchema>;

/** The register fields the report shows; any organizations row (or a subset of it) will do. */
export interface RegisterEntry {
  uscc: string;
  name: string;
  type: OrgType;
  legalRepresentative: string;
  address: string;
  activityArea: string;
  businessScope: string;
  supervisionMode: SupervisionMode;
  supervisor: string | null;
  partyBuildingAuthority: string | null;
  registeredOn: string;
  capitalFen: number;
  foundationKind: "public" | "non_public" | null;
  isCharity: boolean;
}

/** R-C3: the report's basic information is a copy of the register, never the filer's input. */
export function basicInfoFromRegister(org: RegisterEntry): BasicInfo {
  return {
    uscc: org.uscc,
    name: org.name,
    type: org.type,
    legalRepresentative: org.legalRepresentative,
    address: org.address,
    activityArea: org.activityArea,
    businessScope: org.businessScope,
    supervisionMode: org.supervisionMode,
    supervisor: org.supervisor,
    partyBuildingAuthority: org.partyBuildingAuthority,
    registeredOn: org.registeredOn,
    capitalFen: org.capitalFen,
    foundationKind: org.foundationKind,
    isCharity: org.isCharity,
  };
}

// Meetings ----------------------------------------------------------------------------------------------------------

export const MEETING_KINDS = ["general_assembly", "board", "standing_board", "supervisory_board"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  general_assembly: "会员（代表）大会",
  board: "理事会",
  standing_board: "常务理事会",
  supervisory_board: "监事会",
};

export const meetingSchema = z.object({
  kind: enumField(MEETING_KINDS, "会议类型"),
  date: date("会议日期"),
  topic: optionalText("会议议题", 500),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingsSchema = z.object({
  items: z.array(meetingSchema).max(500, "会议记录过多"),
});
export type MeetingsSection = z.infer<typeof meetingsSchema>;

/** Meetings of each kind held within `year`. */
export function meetingCounts(section: MeetingsSection, year: number): Record<MeetingKind, number> {
  const counts: Record<MeetingKind, number> = {
    general_assembly: 0,
    board: 0,
    standing_board: 0,
    supervisory_board: 0,
  };
  for (const m of section.items) if (m.date.startsWith(`${year}-`)) counts[m.kind]++;
  return counts;
}

// 换届 and officers ---------------------------------------------------------------------------------------------------

export const POST_KINDS = [
  "chair",
  "vice_chair",
  "secretary_general",
  "director",
  "supervisor",
  "other",
] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const POST_KIND_LABELS: Record<PostKind, string> = {
  chair: "理事长（会长）",
  vice_chair: "副理事长（副会长）",
  secretary_general: "秘书长",
  director: "理事",
  supervisor: "监事（长）",
  other: "其他",
};

export const officerSchema = z.object({
  name: text("姓名", 50),
  post: text("职务", 50),
  postKind: enumField(POST_KINDS, "职务类别"),
  birthDate: date("出生日期"),
  /** Terms served in this post, the current one included. */
  termsServed: count("任职届数", 1),
  isLegalRepresentative: checkbox("是否法定代表人"),
});
export type Officer = z.infer<typeof officerSchema>;

export const termChangeSchema = z
  .object({
    termYears: count("每届任期（年）", 1).pipe(z.number().max(10, "每届任期不超过10年")),
    currentTermStartedOn: date("本届起始日期"),
    currentTermEndsOn: date("本届届满日期"),
    heldThisYear: yesNo("本年度是否换届"),
    heldOn: optionalDate("换届日期"),
    /** R-A8: 换届 requires a financial audit first. */
    auditBeforeChange: checkbox("换届前是否进行财务审计"),
    /** The latest 会员（代表）大会, possibly in an earlier year (社团). */
    lastGeneralAssemblyOn: optionalDate("最近一次会员（代表）大会日期"),
    /** Why a 换届 is overdue, if it is. */
    overdueExplanation: optionalText("逾期未换届的说明", 1000),
    officers: z.array(officerSchema).max(200, "负责人过多"),
  })
  .superRefine((v, ctx) => {
    if (v.currentTermEndsOn <= v.currentTermStartedOn) {
      ctx.addIssue({ code: "custom", path: ["currentTermEndsOn"], message: "本届届满日期应晚于起始日期" });
    }
    if (v.heldThisYear && !v.heldOn) {
      ctx.addIssue({ code: "custom", path: ["heldOn"], message: "本年度已换届，请填写换届日期" });
    }
  });
export type TermChangeSection = z.infer<typeof termChangeSchema>;

// Staff ---------------------------------------------------------------------------------------------------------------

export const staffSchema = z
  .object({
    fullTime: count("专职工作人员人数"),
    partTime: count("兼职工作人员人数"),
    volunteers: count("志愿者人数"),
    socialInsured: count("参加社会保险人数"),
  })
  .superRefine((v, ctx) => {
    if (v.socialInsured > v.fullTime + v.partTime) {
      ctx.addIssue({
        code: "custom",
        path: ["socialInsured"],
        message: "参加社会保险人数不能多于专职与兼职工作人员之和",
      });
    }
  });
export type StaffSection = z.infer<typeof staffSchema>;

// Branches ------------------------------------------------------------------------------------------------------------

export const BRANCH_KINDS = ["branch", "representative_office", "special_fund"] as const;
export type BranchKind = (typeof BRANCH_KINDS)[number];
export const BRANCH_KIND_LABELS: Record<BranchKind, string> = {
  branch: "分支机构",
  representative_office: "代表机构",
  special_fund: "专项基金",
};

export const branchSchema = z.object({
  name: text("名称", 100),
  kind: enumField(BRANCH_KINDS, "机构类别"),
  establishedOn: optionalDate("设立日期"),
  address: optionalText("地址", 200),
});
export const branchesSchema = z.object({ items: z.array(branchSchema).max(500, "分支机构过多") });
export type BranchesSection = z.infer<typeof branchesSchema>;

// Finances: src/domain/inspection-finances.ts
export * from "./inspection-finances";

// Donations received and grants made -----------------------------------------------------------------------------------

export const donationSchema = z.object({
  donor: text("捐赠方", 100),
  amount: amount(),
  date: optionalDate("捐赠日期"),
  inKind: checkbox("是否实物捐赠"),
  restricted: checkbox("是否限定用途"),
  purpose: optionalText("用途", 200),
});
export const grantSchema = z.object({
  recipient: text("受助方", 100),
  amount: amount(),
  date: optionalDate("资助日期"),
  purpose: optionalText("用途", 200),
});
export const donationsSchema = z.object({
  receivedTotal: amount(),
  /** The larger donations listed one by one (the total covers all of them). */
  received: z.array(donationSchema).max(1000, "捐赠明细过多"),
  grantsTotal: amount(),
  grants: z.array(grantSchema).max(1000, "资助明细过多"),
});
export type DonationsSection = z.infer<typeof donationsSchema>;

// Major activities ------------------------------------------------------------------------------------------------------

export const activitySchema = z.object({
  title: text("活动名称", 100),
  date: date("活动日期"),
  summary: optionalText("活动情况", 2000),
  /** 重大活动报告: reported to the registrar beforehand. */
  reported: checkbox("是否已事先报告"),
});
export const activitiesSchema = z.object({ items: z.array(activitySchema).max(500, "活动记录过多") });
export type ActivitiesSection = z.infer<typeof activitiesSchema>;

// Party building (R-F1, R-F3; the fuller ledger R-F4 lives elsewhere) -------------------------------------------------------

export const PARTY_ORG_TYPES = [
  "party_committee",
  "general_branch",
  "branch",
  "joint_branch",
  "functional_branch",
] as const;
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number];
export const PARTY_ORG_TYPE_LABELS: Record<PartyOrgType, string> = {
  party_committee: "党委",
  general_branch: "党总支",
  branch: "党支部",
  joint_branch: "联合党支部",
  functional_branch: "功能型党支部",
};

export const partyBuildingSchema = z
  .object({
    hasPartyOrg: yesNo("是否建立党组织"),
    orgType: optionalEnum(PARTY_ORG_TYPES, "党组织类型"),
    orgName: optionalText("党组织名称", 100),
    /** For a 联合党支部: how many units it covers (R-F1: ≤ 5). */
    coveredUnits: optionalCount("联合党支部覆盖单位数", 1),
    fullMembers: count("正式党员人数"),
    probationaryMembers: count("预备党员人数"),
    activists: optionalCount("入党积极分子人数"),
    hasBranchCommittee: checkbox("是否设立支部委员会"),
    committeeSize: optionalCount("支部委员会委员人数", 1),
    secretaryName: optionalText("党组织书记姓名", 50),
    secretaryIsOfficer: checkbox("书记是否为本组织负责人"),
    hasInstructor: yesNo("是否有党建工作指导员"),
    instructorName: optionalText("党建工作指导员姓名", 50),
    instructorUnit: optionalText("党建工作指导员所在单位", 100),
  })
  .superRefine((v, ctx) => {
    const need = (field: keyof typeof v, message: string) => {
      if (v[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message });
    };
    if (v.hasPartyOrg) {
      need("orgType", "已建立党组织，请选择党组织类型");
      need("orgName", "已建立党组织，请填写党组织名称");
      need("secretaryName", "已建立党组织，请填写书记姓名");
      if (v.orgType === "joint_branch") need("coveredUnits", "请填写联合党支部覆盖的单位数");
      if (v.hasBranchCommittee) need("committeeSize", "请填写支部委员会委员人数");
    }
    if (v.hasInstructor) {
      need("instructorName", "请填写党建工作指导员姓名");
      need("instructorUnit", "请填写党建工作指导员所在单位");
    }
  })
  .transform((v) =>
    // Answers that "no" makes meaningless are dropped rather than kept half-filled.
    v.hasPartyOrg
      ? v
      : {
          ...v,
          orgType: undefined,
          orgName: undefined,
          coveredUnits: undefined,
          hasBranchCommittee: false,
          committeeSize: undefined,
          secretaryName: undefined,
          secretaryIsOfficer: false,
        },
  );
export type PartyBuildingSection = z.infer<typeof partyBuildingSchema>;

// Cadres holding posts (兼职, R-F5) -------------------------------------------------------------------------------------

export const CADRE_LEVELS = ["section_or_below", "county", "bureau", "province"] as const;
export type CadreLevel = (typeof CADRE_LEVELS)[number];
export const CADRE_LEVEL_LABELS: Record<CadreLevel, string> = {
  section_or_below: "乡科级及以下",
  county: "县处级",
  bureau: "厅局级",
  province: "省部级及以上",
};

export const cadreSchema = z.object({
  name: text("姓名", 50),
  post: text("所任职务", 50),
  postKind: enumField(POST_KINDS, "职务类别"),
  cadreLevel: enumField(CADRE_LEVELS, "干部职级"),
  retired: yesNo("是否已退（离）休"),
  birthDate: date("出生日期"),
  termsServed: count("任职届数", 1),
  /** 批准文件 (文号 or description) of the approval to hold the post. */
  approvalRecord: optionalText("审批情况（批准文号）", 200),
  paid: yesNo("是否领取薪酬"),
  isLegalRepresentative: checkbox("是否担任法定代表人"),
  /** 社团 posts this person holds in all, this one included (R-F5: a retired cadre at most 1). */
  socialGroupPosts: count("兼任社团职务总数", 1),
});
export type Cadre = z.infer<typeof cadreSchema>;
export const cadresSchema = z.object({ items: z.array(cadreSchema).max(200, "兼职人员过多") });
export type CadresSection = z.infer<typeof cadresSchema>;

// Declaration ------------------------------------------------------------------------------------------------------------

export const declarationSchema = z.object({
  agreed: checkbox("承诺").refine((v) => v, "请阅读承诺内容并勾选“本单位承诺所填内容真实、准确、完整”"),
  signedBy: text("法定代表人签名", 50),
  signedOn: date("签署日期"),
  /** The scanned signed declaration page, if uploaded (a storage key). */
  attachmentKey: optionalText("签字页附件", 300),
});
export type DeclarationSection = z.infer<typeof declarationSchema>;

// 整改报告 (R-C6) --------------------------------------------------------------------------------------------------------

export const rectificationSchema = z.object({
  text: optionalText("整改情况", 5000),
  attachmentKey: optionalText("整改报告附件", 300),
});
export type RectificationSection = z.infer<typeof rectificationSchema>;

/** Last year's outcome: a conclusion, 未参检, or nothing (not required last year). */
export type LastYearOutcome = Conclusion | "not_filed" | null;

/**
 * R-C5 / R-C6: a 整改报告 is required when last year's conclusion was 基本合格 or 不合格, when the organization was
 * 未参检 last year, or when a rectification notice (整改通知) is still open.
 */
export function rectificationRequired(lastYear: LastYearOutcome, openRectificationNotice: boolean): boolean {
  return (
    openRectificationNotice ||
    lastYear === "basically_qualified" ||
    lastYear === "unqualified" ||
    lastYear === "not_filed"
  );
}

// The report ---------------------------------------------------------------------------------------------------------------

/** Each section's schema, for the edge: `sectionSchemas[section].safeParse(form)`. */
export const sectionSchemas = {
  basicInfo: basicInfoSchema,
  meetings: meetingsSchema,
  termChange: termChangeSchema,
  staff: staffSchema,
  branches: branchesSchema,
  finances: financesSchema,
  donations: donationsSchema,
  activities: activitiesSchema,
  partyBuilding: partyBuildingSchema,
  cadres: cadresSchema,
  declaration: declarationSchema,
  rectification: rectificationSchema,
} as const satisfies Record<ReportSection, z.ZodType>;

/** A report for year N; a draft holds whichever sections have been saved. */
export interface InspectionReport {
  year: number;
  basicInfo?: BasicInfo;
  meetings?: MeetingsSection;
  termChange?: TermChangeSection;
  staff?: StaffSection;
  branches?: BranchesSection;
  finances?: FinancesSection;
  donations?: DonationsSection;
  activities?: ActivitiesSection;
  partyBuilding?: PartyBuildingSection;
  cadres?: CadresSection;
  declaration?: DeclarationSection;
  rectification?: RectificationSection;
}

/** zod issues as `{ "dotted.path": "message" }`, the first message per field, for showing next to the fields. */
export function issuesByField(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
