import type { ReportSection } from "../../../../src/domain/inspection-report";
import { f, type SectionSpec } from "./fields";

/** The declaration and the rectification report that close the report (R-C5). */
export const DECLARATION_SPECS: Partial<Record<ReportSection, SectionSpec>> = {
  declaration: {
    intro: "本单位承诺所填内容真实、准确、完整，并对其真实性负责。签字页扫描件可在下方“附件”上传。",
    fields: [
      f("agreed", "本单位承诺所填内容真实、准确、完整", "checkbox"),
      f("signedBy", "法定代表人签名", "text"),
      f("signedOn", "签署日期", "date"),
    ],
  },
  rectification: {
    intro:
      "上年度年检基本合格、不合格或未参检，或有未完成的整改通知的，须提交整改报告，可在下方上传整改报告文件。",
    fields: [f("text", "整改情况", "textarea")],
  },
};
