/**
 * The 红名单 (守信激励名单): the daily `credit-red-list` job lists the organizations that meet every criterion
 * (src/domain/red-list.ts, settings in DomainSettings.redList) and removes, with the failing criteria in words, those
 * that no longer do. Idempotent: a second run the same day finds nothing to change. Also the reads /credit and the
 * organization page use.
 */
import { sql } from "drizzle-orm";
import { redListEntries } from "../../db/schema";
import { commitWithAudit, systemActor } from "../audit/audit";
import type { AppDeps } from "../context";
import type { BatchItem, Db } from "../db";
import { type RedListFacts, redListFailures } from "../domain/red-list";
import type { Job, JobItem } from "../jobs/types";
import { readAll } from "../registry/read";
import { classifyQuery } from "../registry/search";
import type { RedListRow } from "./contract";

const CHUNK = 400;
const MAX_ITEMS = 500;

interface Candidate {
  id: number;
  authorityId: number;
  name: string;
  status: string;
  rating: string | null;
  ratingValidTo: string | null;
  openEntryId: number | null;
}

const ids = (list: number[]) =>
  sql.join(
    list.map((i) => sql`${i}`),
    sql`, `,
  );

async function factsFor(db: Db, chunk: Candidate[]): Promise<Map<number, RedListFacts>> {
  const list = chunk.map((c) => c.id);
  const [filings, listings, penalties] = await Promise.all([
    db.all(
      sql`SELECT org_id AS "orgId", year, state, conclusion FROM annual_inspections WHERE org_id IN (${ids(list)})`,
    ),
    db.all(sql`SELECT org_id AS "orgId", listed_on AS "listedOn", removed_on AS "removedOn" FROM credit_cases
      WHERE org_id IN (${ids(list)}) AND listed_on IS NOT NULL`),
    db.all(
      sql`SELECT org_id AS "orgId", decided_on AS "decidedOn" FROM penalties WHERE org_id IN (${ids(list)})`,
    ),
  ]);
  const out = new Map<number, RedListFacts>();
  for (const c of chunk) {
    out.set(c.id, {
      status: c.status,
      rating: c.rating,
      ratingValidTo: c.ratingValidTo,
      filings: [],
      listings: [],
      penalties: [],
    });
  }
  for (const f of filings as { orgId: number; year: number; state: string; conclusion: string | null }[]) {
    (out.get(f.orgId)!.filings as RedListFacts["filings"][number][]).push(f);
  }
  for (const l of listings as { orgId: number; listedOn: string; removedOn: string | null }[]) {
    (out.get(l.orgId)!.listings as RedListFacts["listings"][number][]).push(l);
  }
  for (const p of penalties as { orgId: number; decidedOn: string }[]) {
    (out.get(p.orgId)!.penalties as string[]).push(p.decidedOn);
  }
  return out;
}

export const creditRedListJob: Job = {
  name: "credit-red-list",
  title: "红名单（守信激励）",
  description:
    "评估等级4A及以上且在有效期内、最近三个年度年检均为合格、三年内未列入信用名单且未受行政处罚的组织列入红名单；任一条件不再满足之日移出，并记明原因。条件可按本地规定设置。",
  async run(deps, today, { dryRun }) {
    const criteria = deps.config.domain.redList;
    const grades = Array.from({ length: 6 - criteria.minRating }, (_, i) => `${criteria.minRating + i}A`);
    // Who could be on it (a high enough grade) and who is on it now.
    const candidates = (await deps.db.all(sql`
      SELECT o.id, o.authority_id AS "authorityId", o.name, o.status, o.rating, o.rating_valid_to AS "ratingValidTo",
        r.id AS "openEntryId"
      FROM organizations o LEFT JOIN red_list_entries r ON r.org_id = o.id AND r.removed_on IS NULL
      WHERE (o.status = 'active' AND o.rating IN (${sql.join(
        grades.map((g) => sql`${g}`),
        sql`, `,
      )})) OR r.id IS NOT NULL
      ORDER BY o.id`)) as Candidate[];
    const items: JobItem[] = [];
    const changes: BatchItem[] = [];
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const chunk = candidates.slice(i, i + CHUNK);
      const facts = await factsFor(deps.db, chunk);
      for (const c of chunk) {
        const failures = redListFailures(facts.get(c.id)!, today, criteria);
        if (failures.length === 0 && c.openEntryId === null) {
          items.push({ orgId: c.id, label: c.name, reason: "符合红名单全部条件，列入" });
          changes.push(
            deps.db
              .insert(redListEntries)
              .values({ orgId: c.id, authorityId: c.authorityId, listedOn: today }),
          );
        } else if (failures.length > 0 && c.openEntryId !== null) {
          const reason = failures.join("；");
          items.push({ orgId: c.id, label: c.name, reason: `移出：${reason}` });
          changes.push(
            deps.db
              .update(redListEntries)
              .set({ removedOn: today, removalReason: reason })
              .where(sql`id = ${c.openEntryId} AND removed_on IS NULL`),
          );
        }
      }
    }
    if (!dryRun) {
      for (let i = 0; i < changes.length; i += 200) {
        await commitWithAudit(deps.db, systemActor(this.name), changes.slice(i, i + 200), {
          action: "credit.red_list.update",
          summary: { today, changed: changes.slice(i, i + 200).length },
        });
      }
    }
    const added = items.filter((x) => !x.reason.startsWith("移出")).length;
    return {
      changed: changes.length,
      summary: `${dryRun ? "将" : ""}列入红名单 ${added} 家，移出 ${changes.length - added} 家`,
      items: items.slice(0, MAX_ITEMS),
    };
  },
};

export type { RedListRow };

/** The 红名单 as /credit publishes it: current entries (or removed ones), newest first. */
export async function redListPage(
  deps: AppDeps,
  filters: { q?: string; removed?: boolean },
  page: number,
  perPage: number,
): Promise<{ rows: RedListRow[]; total: number }> {
  // The page is chosen from red_list_entries alone (its index gives the order) and only then joined to the register.
  const parts = [filters.removed ? sql`r.removed_on IS NOT NULL` : sql`r.removed_on IS NULL`];
  if (filters.q) {
    const q = classifyQuery(filters.q);
    if (q.mode === "uscc") parts.push(sql`r.org_id IN (SELECT id FROM organizations WHERE uscc = ${q.code})`);
    else if (q.mode === "name") {
      parts.push(
        sql`r.org_id IN (SELECT rowid FROM ${sql.raw(q.index)} WHERE ${sql.raw(q.index)} MATCH ${q.match})`,
      );
    }
  }
  const where = sql.join(parts, sql` AND `);
  const order = filters.removed ? sql`r.removed_on DESC, r.id DESC` : sql`r.listed_on DESC, r.id DESC`;
  const rows = (await deps.db.all(sql`
    WITH page AS (SELECT r.id FROM red_list_entries r WHERE ${where} ORDER BY ${order}
      LIMIT ${perPage} OFFSET ${(page - 1) * perPage})
    SELECT o.uscc, o.name, a.name AS "authorityName", o.rating, r.listed_on AS "listedOn", r.removed_on AS "removedOn",
      r.removal_reason AS "removalReason"
    FROM page p JOIN red_list_entries r ON r.id = p.id JOIN organizations o ON o.id = r.org_id
      JOIN authorities a ON a.id = r.authority_id
    ORDER BY ${order}`)) as RedListRow[];
  const [n] = (await deps.db.all(sql`SELECT count(*) AS n FROM red_list_entries r WHERE ${where}`)) as {
    n: number;
  }[];
  return { rows, total: Number(n?.n ?? 0) };
}

/** The organization's current 红名单 entry, if any (its public page). */
export async function redListStanding(deps: AppDeps, orgId: number): Promise<{ listedOn: string } | null> {
  const [row] = (await readAll(
    deps.db,
    sql`SELECT listed_on AS "listedOn" FROM red_list_entries WHERE org_id = ${orgId} AND removed_on IS NULL`,
  )) as { listedOn: string }[];
  return row ?? null;
}
