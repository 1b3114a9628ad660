import { cnDate } from "../domain/dates";
/** The organization saving one section of its annual report (draft or returned), under the window and versions. */

import { commitVersioned } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import {
  type InspectionReport,
  issuesByField,
  REPORT_SECTIONS,
  type ReportSection,
  SECTION_LABELS,
  sectionSchemas,
} from "../domain/inspection-report";
import { windowStatus } from "../domain/inspection-window";
import { inspectionStateLabel } from "../domain/inspection-workflow";
import type { Check } from "../domain/prechecks";
import type { Result } from "./contract";
import {
  auditActorOf,
  EDITABLE_STATES,
  invalid,
  loadFilingContext,
  NOT_FOUND,
  nowIso,
  STALE,
  todayOf,
  windowOf,
} from "./filing-context";
import { checkSectionFields, formToSectionInput } from "./form";
import { canSee, filingTouch, loadFiling, sectionUpsert } from "./queries";
import { checksFor } from "./report";

export async function saveSection(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
  section: ReportSection,
  form: Record<string, string | string[]>,
  version: number,
): Promise<Result<{ version: number; checks: Check[] }>> {
  const db = deps.db;
  const f = await loadFiling(db, filingId);
  if (!f || !(await canSee(db, user, f))) return NOT_FOUND;
  // A form with fields the section does not declare is refused whole, before anything else is looked at.
  const undeclared = checkSectionFields(section, form);
  if (undeclared) return { ok: false, code: "bad_request", message: undeclared.message };
  if (user.role !== "org" || user.orgId !== f.orgId) {
    return { ok: false, code: "forbidden", message: "只有申报单位可以填写年检报告。" };
  }
  if (section === "basicInfo") {
    return {
      ok: false,
      code: "read_only",
      message: "基本信息取自登记信息，不能在年检报告中修改；如有变化，请办理变更登记。",
    };
  }
  if (!(REPORT_SECTIONS as readonly string[]).includes(section)) {
    return { ok: false, code: "not_found", message: "报告中没有这一部分。" };
  }
  if (!EDITABLE_STATES.includes(f.state)) {
    return {
      ok: false,
      code: "not_editable",
      message: `该申报当前为“${inspectionStateLabel(f.state)}”，不能修改报告。`,
    };
  }
  const today = todayOf(deps);
  const c = await loadFilingContext(db, f, deps.config.domain.prechecks);
  if (f.state === "draft") {
    const w = windowOf(c.yearRow.windows, f.orgType);
    if (windowStatus(w, today) === "closed") {
      return {
        ok: false,
        code: "window_closed",
        message: `${f.year} 年度年检申报已于 ${cnDate(w.closesOn)} 截止，不能再填写或提交。如有特殊情况请联系登记管理机关。`,
      };
    }
  }
  const existing = c.sections.get(section);
  if (
    !Number.isInteger(version) ||
    version < f.actVersion ||
    version > f.version ||
    (existing && existing.savedVersion > version)
  ) {
    return STALE;
  }
  const parsed = sectionSchemas[section].safeParse(formToSectionInput(section, form));
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(issuesByField(parsed.error))) {
      fields[path === "" ? section : `${section}.${path}`] = message;
    }
    return invalid(
      `「${SECTION_LABELS[section]}」有 ${Object.keys(fields).length} 处需要改正，请查看标出的内容。`,
      fields,
    );
  }
  const data = parsed.data as unknown;
  const at = nowIso(deps);
  const next = f.version + 1;
  const done = await commitVersioned(
    db,
    auditActorOf(user),
    [filingTouch(db, f, at)],
    [sectionUpsert(db, f.id, { section, data, savedVersion: next, userId: user.id, at })],
    {
      action: "inspection.section.save",
      objectType: "annual_inspection",
      objectId: f.id,
      orgId: f.orgId,
      summary: { year: f.year, section, round: f.round, version: next },
    },
  );
  if (done === "stale") return STALE;
  const report = { ...c.working, [section]: data } as InspectionReport;
  return { ok: true, version: next, checks: checksFor(report, c.precheck) };
}
