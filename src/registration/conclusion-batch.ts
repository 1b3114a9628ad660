import { sql } from "drizzle-orm";
import { auditStatement } from "../audit/audit";
import { sealAuditChain } from "../audit/chain";
import type { AppDeps, SessionUser } from "../context";
import { todayOf } from "../context";
import { type BatchItem, type Db, isStaleWrite, runBatch } from "../db";
import { type AnnouncementText, conclusionsAnnouncement } from "../domain/announcement-texts";
import { CONCLUSION_LABELS, type Conclusion } from "../domain/workflow";
import { loadFiling } from "../inspection/queries";
import { publishStatements } from "../inspection/transitions";
import type { PendingConclusion } from "./contract";

/**
 * One 年检结论公告 for many conclusions (R-C4): the conclusions a registrar's authority recorded for a year and has not
 * yet published (optionally up to a date), published together on one day, each public from that day, in one atomic
 * batch with each filing's own transition and audit event and one event for the 公告 itself. The 公告's words come
 * from the template for 年检结论 (src/domain/announcement-texts.ts); it is shown at /announcements/conclusions.
 */

/** A batch is at most this many conclusions (the page lists as many). */
export const BATCH_MAX = 1000;

export async function pendingConclusions(
  db: Db,
  user: SessionUser,
  year: number,
  upTo: string | null,
): Promise<PendingConclusion[]> {
  const rows = (await db.all(sql`
    SELECT ai.id, o.name AS "orgName", o.uscc, ai.conclusion, ai.concluded_on AS "concludedOn"
    FROM annual_inspections ai JOIN organizations o ON o.id = ai.org_id
    WHERE ai.authority_id = ${user.authorityId ?? -1} AND ai.year = ${year} AND ai.state = 'concluded'
      AND ai.conclusion IS NOT NULL AND (${upTo} IS NULL OR ai.concluded_on <= ${upTo})
    ORDER BY ai.concluded_on, o.name, ai.id
    LIMIT ${BATCH_MAX}`)) as Omit<PendingConclusion, "conclusionLabel">[];
  return rows.map((r) => ({ ...r, conclusionLabel: CONCLUSION_LABELS[r.conclusion as Conclusion] ?? "" }));
}

/** Years in which the authority has conclusions waiting for their 公告, newest first. */
export async function yearsWithPending(db: Db, user: SessionUser): Promise<number[]> {
  const rows = (await db.all(sql`SELECT DISTINCT year FROM annual_inspections
    WHERE authority_id = ${user.authorityId ?? -1} AND state = 'concluded' ORDER BY year DESC`)) as {
    year: number;
  }[];
  return rows.map((r) => r.year);
}

export type BatchResult =
  | { ok: true; publishedOn: string; count: number; authorityCode: string }
  | { ok: false; code: "none" | "not_found" | "stale"; message: string };

export async function publishConclusions(
  deps: AppDeps,
  user: SessionUser,
  input: { year: number; ids: number[] },
): Promise<BatchResult> {
  const db = deps.db;
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return { ok: false, code: "none", message: "请至少选择一项要公告的结论。" };
  if (ids.length > BATCH_MAX)
    return { ok: false, code: "none", message: `一次最多公告 ${BATCH_MAX} 项结论，请分批公告。` };
  const filings = await Promise.all(ids.map((id) => loadFiling(db, id)));
  // Another authority's filing (its districts' too) is not this registrar's to publish: as if it did not exist.
  if (filings.some((f) => !f || f.authorityId !== user.authorityId))
    return { ok: false, code: "not_found", message: "所选结论不属于本机关。" };
  const stale = {
    ok: false,
    code: "stale",
    message: "部分结论已经公告或有变化，请刷新页面后重新选择。",
  } as const;
  if (filings.some((f) => f!.year !== input.year || f!.state !== "concluded")) return stale;
  const [authority] = (await db.all(
    sql`SELECT code, name FROM authorities WHERE id = ${user.authorityId}`,
  )) as { code: string; name: string }[];
  const pending = new Map((await pendingConclusions(db, user, input.year, null)).map((p) => [p.id, p]));
  const text: AnnouncementText = conclusionsAnnouncement({
    authorityName: authority!.name,
    year: input.year,
    rows: ids.flatMap((id) => {
      const p = pending.get(id);
      return p ? [{ name: p.orgName, uscc: p.uscc, conclusionLabel: p.conclusionLabel }] : [];
    }),
  });
  const statements: BatchItem[] = [];
  for (const f of filings) {
    const items = await publishStatements(deps, user, f!, { announcement: text.title });
    if (!items) return stale;
    statements.push(...items);
  }
  const publishedOn = todayOf(deps);
  statements.push(
    auditStatement(
      db,
      { userId: user.id, username: user.username, role: user.role, ip: null },
      {
        action: "inspection.conclusions.announce",
        objectType: "inspection_year",
        objectId: `${authority!.code}:${input.year}`,
        summary: { title: text.title, publishedOn, count: ids.length, filings: ids },
      },
    ),
  );
  try {
    await runBatch(db, statements);
  } catch (e) {
    if (isStaleWrite(e)) return stale;
    throw e;
  }
  await sealAuditChain(db);
  return { ok: true, publishedOn, count: ids.length, authorityCode: authority!.code };
}

/** The 年检结论公告 an authority published on one day for one year: its title and one line per organization. */
export async function publishedAnnouncement(
  db: Db,
  q: { authorityCode: string; year: number; on: string },
): Promise<(AnnouncementText & { lines: string[]; authorityName: string; on: string }) | null> {
  const rows = (await db.all(sql`
    SELECT o.name, o.uscc, ai.conclusion, a.name AS "authorityName"
    FROM annual_inspections ai JOIN organizations o ON o.id = ai.org_id JOIN authorities a ON a.id = ai.authority_id
    WHERE a.code = ${q.authorityCode} AND ai.year = ${q.year} AND ai.state = 'published' AND ai.published_on = ${q.on}
      AND ai.conclusion IS NOT NULL
    ORDER BY o.name, ai.id`)) as {
    name: string;
    uscc: string;
    conclusion: Conclusion;
    authorityName: string;
  }[];
  if (rows.length === 0) return null;
  const text = conclusionsAnnouncement({
    authorityName: rows[0]!.authorityName,
    year: q.year,
    rows: rows.map((r) => ({ ...r, conclusionLabel: CONCLUSION_LABELS[r.conclusion] })),
  });
  return { ...text, authorityName: rows[0]!.authorityName, on: q.on };
}
