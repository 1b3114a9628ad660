/**
 * The report as the service sees it: assembled from the saved sections (or a round's snapshot), the register's
 * basic information and the attachments; its pre-check context; what changed between two rounds.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import {
  basicInfoFromRegister,
  type InspectionReport,
  type LastYearOutcome,
  REPORT_SECTIONS,
  type ReportSection,
} from "../domain/inspection-report";
import { type Check, type PrecheckContext, runPrechecks } from "../domain/prechecks";
import type { SectionComment } from "../domain/workflow";
import type { AttachmentRow } from "./attachments";
import type { FilingRow } from "./queries";

export interface SectionRow {
  section: ReportSection;
  data: unknown;
  savedVersion: number;
}

export async function loadSections(db: Db, filingId: number): Promise<Map<ReportSection, SectionRow>> {
  const rows = (await db.all(
    sql`SELECT section, data, saved_version FROM inspection_sections WHERE filing_id = ${filingId}`,
  )) as { section: ReportSection; data: string; saved_version: number }[];
  return new Map(
    rows.map((r) => [
      r.section,
      { section: r.section, data: JSON.parse(r.data), savedVersion: Number(r.saved_version) },
    ]),
  );
}

export interface RoundRow {
  round: number;
  snapshot: InspectionReport;
  checks: Check[];
  submittedAt: string;
  returnedAt: string | null;
  returnedByName: string | null;
  reason: string | null;
  deadline: string | null;
  comments: SectionComment[] | null;
}

export async function loadRounds(db: Db, filingId: number): Promise<RoundRow[]> {
  const rows = (await db.all(sql`
    SELECT round, snapshot, checks, submitted_at, returned_at, returned_by_name, reason, deadline, comments
    FROM inspection_rounds WHERE filing_id = ${filingId} ORDER BY round`)) as Record<string, unknown>[];
  return rows.map((r) => ({
    round: Number(r.round),
    snapshot: JSON.parse(String(r.snapshot)) as InspectionReport,
    checks: JSON.parse(String(r.checks)) as Check[],
    submittedAt: String(r.submitted_at),
    returnedAt: (r.returned_at as string | null) ?? null,
    returnedByName: (r.returned_by_name as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    deadline: (r.deadline as string | null) ?? null,
    comments: r.comments == null ? null : (JSON.parse(String(r.comments)) as SectionComment[]),
  }));
}

/** The working report: saved sections, basic information from the register, attachment keys where rules need them. */
export function assembleReport(
  f: FilingRow,
  sections: Map<ReportSection, SectionRow>,
  attachments: readonly AttachmentRow[],
): InspectionReport {
  const report: InspectionReport = { year: f.year, basicInfo: basicInfoFromRegister(f.org) };
  const target = report as unknown as Record<string, unknown>;
  for (const [section, row] of sections) if (section !== "basicInfo") target[section] = row.data;
  const latest = (section: string) => attachments.filter((a) => a.section === section).at(-1);
  const rect = latest("rectification");
  if (rect && !report.rectification?.attachmentKey) {
    report.rectification = { ...(report.rectification ?? {}), attachmentKey: rect.storageKey };
  }
  const decl = latest("declaration");
  if (decl && report.declaration && !report.declaration.attachmentKey) {
    report.declaration = { ...report.declaration, attachmentKey: decl.storageKey };
  }
  return report;
}

export function precheckContext(
  f: FilingRow,
  lastYearReport: InspectionReport | null,
  lastYearOutcome: LastYearOutcome,
  openRectificationNotice = false,
): PrecheckContext {
  return {
    orgType: f.orgType,
    foundationKind: f.org.foundationKind,
    legalRepresentative: f.org.legalRepresentative,
    lastYear: lastYearReport?.finances ? { finances: lastYearReport.finances } : null,
    lastYearOutcome,
    // R-C5 / R-C6: an open 整改通知书 (src/credit/notices.ts), like last year's outcome, makes the 整改报告 required.
    openRectificationNotice,
  };
}

export function checksFor(report: InspectionReport, ctx: PrecheckContext): Check[] {
  return runPrechecks(report, ctx);
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Sections whose content differs between two reports (in report order). */
export function changedSections(before: InspectionReport, after: InspectionReport): ReportSection[] {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  return REPORT_SECTIONS.filter((s) => stable(a[s]) !== stable(b[s]));
}
