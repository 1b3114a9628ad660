import type { ReportSection } from "../../../../src/domain/inspection-report";
import {
  CADRE_LEVEL_LABELS,
  PARTY_ORG_TYPE_LABELS,
  POST_KIND_LABELS,
} from "../../../../src/domain/inspection-report";
import { f, type SectionSpec } from "./fields";

/** Party building and the officials holding posts in the organization (R-C5). */
export const PARTY_AND_CADRE_SPECS: Partial<Record<ReportSection, SectionSpec>> = {
  partyBuilding: {
    intro: "正式党员 3 名以上的应建立党支部；不足 3 名的可建立联合党支部或选派党建工作指导员。",
    fields: [
      f("hasPartyOrg", "是否建立党组织", "yesno"),
      f("orgType", "党组织类型", { options: PARTY_ORG_TYPE_LABELS }),
      f("orgName", "党组织名称", "text"),
      f("coveredUnits", "联合党支部覆盖单位数", "count"),
      f("fullMembers", "正式党员人数", "count"),
      f("probationaryMembers", "预备党员人数", "count"),
      f("activists", "入党积极分子人数", "count"),
      f("hasBranchCommittee", "设立支部委员会", "checkbox"),
      f("committeeSize", "支部委员会委员人数", "count"),
      f("secretaryName", "党组织书记姓名", "text"),
      f("secretaryIsOfficer", "书记是本组织负责人", "checkbox"),
      f("hasInstructor", "是否有党建工作指导员", "yesno"),
      f("instructorName", "党建工作指导员姓名", "text"),
      f("instructorUnit", "党建工作指导员所在单位", "text"),
    ],
  },
  cadres: {
    intro: "在本组织兼任职务的党政领导干部（含退（离）休），每人一行。没有的留空保存。",
    lists: [
      {
        name: "items",
        label: "兼职干部",
        spare: 1,
        fields: [
          f("name", "姓名", "text"),
          f("post", "所任职务", "text"),
          f("postKind", "职务类别", { options: POST_KIND_LABELS }),
          f("cadreLevel", "干部职级", { options: CADRE_LEVEL_LABELS }),
          f("retired", "已退（离）休", "yesno"),
          f("birthDate", "出生日期", "date"),
          f("termsServed", "任职届数", "count"),
          f("approvalRecord", "审批情况（批准文号）", "text"),
          f("paid", "领取薪酬", "yesno"),
          f("isLegalRepresentative", "担任法定代表人", "checkbox"),
          f("socialGroupPosts", "兼任社团职务总数", "count"),
        ],
      },
    ],
  },
};
