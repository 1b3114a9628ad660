import type { ReportSection } from "../../../../src/domain/inspection-report";
import {
  BRANCH_KIND_LABELS,
  MEETING_KIND_LABELS,
  POST_KIND_LABELS,
} from "../../../../src/domain/inspection-report";
import { f, type SectionSpec } from "./fields";

/** Meetings, term change, staff and branches: how the organization is governed and staffed (R-C5). */
export const MEETINGS_AND_TERM_SPECS: Partial<Record<ReportSection, SectionSpec>> = {
  meetings: {
    intro:
      "本年度召开的会员（代表）大会、理事会、常务理事会、监事会，每次一行。章程规定的会议次数会自动核对。",
    lists: [
      {
        name: "items",
        label: "会议",
        spare: 3,
        fields: [
          f("kind", "会议类型", { options: MEETING_KIND_LABELS }),
          f("date", "会议日期", "date"),
          f("topic", "会议议题", "text"),
        ],
      },
    ],
  },
  termChange: {
    fields: [
      f("termYears", "每届任期（年）", "count"),
      f("currentTermStartedOn", "本届起始日期", "date"),
      f("currentTermEndsOn", "本届届满日期", "date"),
      f("heldThisYear", "本年度是否换届", "yesno"),
      f("heldOn", "换届日期", "date"),
      f("auditBeforeChange", "换届前已进行财务审计", "checkbox"),
      f("lastGeneralAssemblyOn", "最近一次会员（代表）大会日期", "date"),
      f("overdueExplanation", "逾期未换届的说明", "textarea"),
    ],
    lists: [
      {
        name: "officers",
        label: "负责人",
        spare: 2,
        fields: [
          f("name", "姓名", "text"),
          f("post", "职务", "text"),
          f("postKind", "职务类别", { options: POST_KIND_LABELS }),
          f("birthDate", "出生日期", "date"),
          f("termsServed", "任职届数", "count"),
          f("isLegalRepresentative", "法定代表人", "checkbox"),
        ],
      },
    ],
  },
  staff: {
    fields: [
      f("fullTime", "专职工作人员人数", "count"),
      f("partTime", "兼职工作人员人数", "count"),
      f("volunteers", "志愿者人数", "count"),
      f("socialInsured", "参加社会保险人数", "count"),
    ],
  },
  branches: {
    intro: "没有分支机构、代表机构的，留空保存即可。",
    lists: [
      {
        name: "items",
        label: "机构",
        spare: 2,
        fields: [
          f("name", "名称", "text"),
          f("kind", "机构类别", { options: BRANCH_KIND_LABELS }),
          f("establishedOn", "设立日期", "date"),
          f("address", "地址", "text"),
        ],
      },
    ],
  },
};
