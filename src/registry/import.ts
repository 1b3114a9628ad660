/**
 * Import of a bureau's register from CSV (npm run registry:import; later the registrar's upload page).
 * Headers in English or Chinese; a UTF-8 BOM is accepted. Every row is checked on its own: a bad row is reported
 * with its line number and reason and not written; good rows are upserted by 统一社会信用代码 in batches, each with
 * its audit event, changes keeping a history row with before/after and re-indexing the name for search.
 * Reading and checking rows is in import-parse.ts, the writes in import-write.ts, the warnings in import-warnings.ts;
 * here the run as a whole, and finishing what a killed earlier run left.
 */

import { sql } from "drizzle-orm";
import type { Actor } from "../audit/audit";
import { sealAuditChain } from "../audit/chain";
import type { Db } from "../db";
import { runBatch } from "../db";
import { chinaDateOf } from "../domain/working-days";
import { cellsOf, readRegisterRecords, validateRecords } from "./import-parse";
import { representativeWarnings } from "./import-warnings";
import { type ImportChange, type ImportCreated, resolveAuthorities, writeRows } from "./import-write";
import { linkSupervisorUnitStatements } from "./supervisor-units";

export type { ImportChange, ImportCreated };

export interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  authoritiesCreated: number;
  errors: { line: number; reason: string }[];
  /** The file's header as written (the rows in error download under it, src/registration/bulk.ts). */
  header: string[];
  /** Each row in error's cells as uploaded, by line (a dry run keeps them; the preview offers them as a file). */
  errorCells: Record<number, string[]>;
  /** What each changed organization changes (old → new), and the new organizations. */
  changes: ImportChange[];
  created: ImportCreated[];
  /** Rows written as the register has them but breaking a rule the register may already break (R-A3). */
  warnings: { line: number; reason: string }[];
  /**
   * What an earlier run left unfinished and this one completed (an import killed after its last batch): audit events
   * left unsealed, organizations not yet linked to their supervisor unit. Null when nothing was left.
   */
  resumed: { sealedEvents: number; linkedOrganizations: number } | null;
}

/** Supervised organizations whose supervisor name is not yet linked to its unit (what linking would change). */
async function unlinkedSupervised(db: Db): Promise<number> {
  const [row] = (await db.all(sql`SELECT count(*) AS n FROM organizations o
    WHERE o.supervision_mode = 'supervised' AND o.supervisor IS NOT NULL AND trim(o.supervisor) <> ''
      AND o.supervisor_unit_id IS NOT (SELECT s.id FROM supervisor_units s WHERE s.name = trim(o.supervisor))`)) as {
    n: number;
  }[];
  return Number(row?.n ?? 0);
}

export interface ImportOptions {
  batchSize?: number;
  /** Validate and count, write nothing (the browser import's preview). */
  dryRun?: boolean;
  /** A registrar imports into its own authority only: rows of another authority are row errors. */
  onlyAuthorityCode?: string;
  /** Only data rows with index in [fromRow, toRow) are validated and written (chunked imports keep line numbers). */
  fromRow?: number;
  toRow?: number;
  /** The day 公告 of changes found on re-import are published (Asia/Shanghai); defaults to the current day. */
  today?: string;
}

export async function importRegisterCsv(
  db: Db,
  text: string,
  actor: Actor,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 200;
  const today = options.today ?? chinaDateOf(new Date());
  const report: ImportReport = {
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    authoritiesCreated: 0,
    errors: [],
    warnings: [],
    resumed: null,
    header: [],
    errorCells: {},
    changes: [],
    created: [],
  };
  // An earlier run killed between its last batch and the end left its events unsealed: seal them first.
  const sealedEvents = options.dryRun ? 0 : await sealAuditChain(db);
  const read = readRegisterRecords(text);
  if ("error" in read) {
    report.errors.push(read.error);
    return report;
  }
  const { records } = read;
  report.rows = records.length;
  report.header = read.header;

  const valid = validateRecords(records, report.errors, options);

  // Authorities: created from code and name when not yet known.
  const authorities = await resolveAuthorities(db, actor, valid, options.dryRun);
  report.authoritiesCreated = authorities.created;

  const warnings = await representativeWarnings(db, valid);
  const written = await writeRows(db, actor, valid, authorities.ids, report, {
    batchSize,
    dryRun: options.dryRun,
    today,
  });
  // Supervisor names may be new or changed: keep the organizations' supervisor units in step (R-A11). The last chunk
  // links even when it wrote nothing, so that a re-run finishes what a killed run left.
  const lastChunk = (options.toRow ?? records.length) >= records.length;
  let linkedOrganizations = 0;
  if ((report.inserted + report.updated > 0 || lastChunk) && !options.dryRun) {
    const before = report.inserted + report.updated > 0 ? 0 : await unlinkedSupervised(db);
    await runBatch(db, linkSupervisorUnitStatements(db));
    linkedOrganizations = before;
  }
  if (sealedEvents > 0 || linkedOrganizations > 0) report.resumed = { sealedEvents, linkedOrganizations };
  for (const [line, reason] of warnings) {
    if (written.has(line)) report.warnings.push({ line, reason });
  }
  report.errors.sort((a, b) => a.line - b.line);
  if (options.dryRun) {
    const byLine = new Map(records.map((r) => [r.info.lines, r]));
    for (const e of report.errors) {
      const r = byLine.get(e.line);
      if (r) report.errorCells[e.line] = cellsOf(r, read.header);
    }
  }
  report.warnings.sort((a, b) => a.line - b.line);
  return report;
}
