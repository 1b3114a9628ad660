/** The party-building forms, parsed at the edge (zod; Chinese messages naming the field). */
import { z } from "zod";
import { PARTY_ACTIVITY_KINDS } from "../../db/schema/party";
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
import { PARTY_ORG_TYPES } from "../domain/inspection-report";
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
