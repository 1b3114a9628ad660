/** The party-building forms, parsed at the edge (zod; Chinese messages naming the field). */
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
} from "../domain/fields";
import { CADRE_LEVELS, PARTY_ORG_TYPES, POST_KINDS } from "../domain/inspection-report";
import { PARTY_ACTIVITY_KINDS } from "../domain/party-activities";
import { idNumberField } from "../people/identity";
import type { PartyOrgInput } from "./service";

const MAX_MEMBERS = 100_000;
const members = (label: string) => count(label).pipe(z.number().max(MAX_MEMBERS, `${label}过大，请核对。`));

export const CountsForm = z.object({
  asOf: date("统计日期"),
  fullMembers: members("正式党员人数"),
  probationaryMembers: members("预备党员人数"),
  activists: members("入党积极分子人数"),
});

export const ActivityForm = z.object({
  heldOn: date("活动日期"),
  kind: enumField(PARTY_ACTIVITY_KINDS, "活动类型"),
  topic: text("主题", 200),
  attendance: members("参加人数"),
});

export const DecisionForm = z.object({
  versionId: z.coerce.number().int().min(1),
  version: z.coerce.number().int().min(1),
  decision: z.enum(["confirm", "reject"], { error: "请选择确认或退回。" }),
  reason: optionalText("审核意见", 1000),
});

export const VersionForm = z.object({ version: z.coerce.number().int().min(1) });

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const ChangeForm = z
  .object({
    hasPartyOrg: yesNo("是否建立党组织"),
    orgType: optionalEnum(PARTY_ORG_TYPES, "党组织类型"),
    name: optionalText("党组织名称", 100),
    approvalDoc: optionalText("批准成立文号", 100),
    approvedOn: optionalDate("批准日期"),
    parentOrg: optionalText("上级党组织", 100),
    leadingBody: optionalText("党建工作领导机关", 100),
    coveredUsccs: optionalText("覆盖单位", 200),
    secretaryName: optionalText("书记姓名", 50),
    secretaryIsOfficer: checkbox("书记是否为本组织负责人"),
    committeeSize: optionalCount("支部委员会人数", 1).pipe(
      z.number().max(99, "支部委员会人数过大，请核对。").optional(),
    ),
    committeeMembers: optionalText("委员及分工", 1000),
    termStart: optionalDate("本届任期开始日期"),
    termEnd: optionalDate("本届任期届满日期"),
    inCharter: checkbox("党建工作写入章程"),
    instructorName: optionalText("党建工作指导员姓名", 50),
    instructorUnit: optionalText("指导员所在单位", 100),
    instructorAppointedOn: optionalDate("指导员选派日期"),
    note: optionalText("变更说明", 1000),
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.hasPartyOrg) {
      if (!v.orgType) need("orgType", "已建立党组织，请选择党组织类型。");
      if (!v.name) need("name", "已建立党组织，请填写党组织名称。");
      if (!v.secretaryName) need("secretaryName", "已建立党组织，请填写书记姓名。");
      if (v.termStart && v.termEnd && v.termEnd < v.termStart) {
        need("termEnd", "任期届满日期不能早于任期开始日期。");
      }
    } else if (!v.instructorName) {
      need("instructorName", "未建立党组织的，请填写党建工作指导员或联络员姓名（工作覆盖）。");
    }
    if (v.instructorName && !v.instructorUnit) need("instructorUnit", "请填写指导员所在单位。");
    const codes = splitCodes(v.coveredUsccs);
    if (codes.length > 5) need("coveredUsccs", "联合党支部覆盖的其他单位最多 5 个。");
    const bad = codes.find((c) => !USCC.test(c));
    if (bad) need("coveredUsccs", `“${bad}”不是有效的统一社会信用代码（18位）。`);
  })
  .transform(
    (v): PartyOrgInput => ({
      ...v,
      coveredUsccs: splitCodes(v.coveredUsccs),
    }),
  );

function splitCodes(raw: string | undefined): string[] {
  return [
    ...new Set(
      (raw ?? "")
        .normalize("NFKC")
        .toUpperCase()
        .split(/[\s,，、;；]+/)
        .filter(Boolean),
    ),
  ];
}

// The cadre register (R-F5) ------------------------------------------------------------------------------------------

const CADRE_STATUS_VALUES = ["retired", "serving"] as const;

export const NewCadreForm = z
  .object({
    uscc: text("任职组织的统一社会信用代码", 18).transform((v) => v.toUpperCase()),
    personName: text("姓名", 50),
    idNumber: idNumberField(),
    status: enumField(CADRE_STATUS_VALUES, "干部身份"),
    level: enumField(CADRE_LEVELS, "干部职级"),
    cadrePosition: text("原任（现任）职务", 100),
    postKind: enumField(POST_KINDS, "所任职务类别"),
    postTitle: text("所任职务", 50),
    isLegalRepresentative: checkbox("担任法定代表人"),
    termStart: date("本届任职开始日期"),
    termEnd: optionalDate("本届任职届满日期"),
    termNumber: count("任职届次", 1).pipe(z.number().max(20, "任职届次过大，请核对。")),
    approvalDoc: optionalText("批准文号", 100),
    approvedOn: optionalDate("批准日期"),
    paid: checkbox("领取报酬"),
  })
  .superRefine((v, ctx) => {
    if (v.termEnd && v.termEnd < v.termStart) {
      ctx.addIssue({ code: "custom", path: ["termEnd"], message: "届满日期不能早于开始日期。" });
    }
    if (v.approvedOn && !v.approvalDoc) {
      ctx.addIssue({
        code: "custom",
        path: ["approvalDoc"],
        message: "填写了批准日期的，请同时填写批准文号。",
      });
    }
  });

export const CadreUpdateForm = z
  .object({
    version: z.coerce.number().int().min(1),
    termEnd: optionalDate("本届任职届满日期"),
    termNumber: count("任职届次", 1).pipe(z.number().max(20, "任职届次过大，请核对。")),
    approvalDoc: optionalText("批准文号", 100),
    approvedOn: optionalDate("批准日期"),
    paid: checkbox("领取报酬"),
    isLegalRepresentative: checkbox("担任法定代表人"),
    endedOn: optionalDate("离任日期"),
    endReason: optionalText("离任原因", 200),
  })
  .superRefine((v, ctx) => {
    if (v.approvedOn && !v.approvalDoc) {
      ctx.addIssue({
        code: "custom",
        path: ["approvalDoc"],
        message: "填写了批准日期的，请同时填写批准文号。",
      });
    }
  });
