/**
 * The party-building ledger's daily jobs (registered in src/jobs/registry.ts).
 * - `party-terms` (R-F2): a committee term ending within 30 days raises a 即将届满 alert, an ended one an 已逾期 alert,
 *   shown to the organization and its registrar; an alert that no longer holds (a new term confirmed) is closed with
 *   its date, never deleted.
 * - `credit-party` (R-D1(2)): an organization whose latest member counts reach R-F1's threshold for an own 党支部 and
 *   that has none becomes an 活动异常名录 candidate, once per counts record; a registrar decides (R-D7).
 */
import { sql } from "drizzle-orm";
import { partyAlerts } from "../../db/schema";
import { commitWithAudit, systemActor } from "../audit/audit";
import { candidate, candidateRun } from "../credit/candidate-run";
import type { BatchItem } from "../db";
import { cnDate as cnDay } from "../domain/dates";
import { termStatus } from "../domain/party";
import type { Job, JobItem } from "../jobs/types";

const MAX_ITEMS = 500;
const BATCH = 200;

export const partyTermsJob: Job = {
  name: "party-terms",
  title: "党组织换届提醒",
  description:
    "党组织委员会任期（三年）届满前30天起提醒“即将届满”，届满后提醒“已逾期”，组织和登记管理机关都能看到；换届后报送并经确认的新任期自动关闭提醒（R-F2）。",
  async run(deps, today, { dryRun }) {
    const current = (await deps.db.all(sql`
      SELECT v.org_id AS "orgId", v.authority_id AS "authorityId", v.term_end AS "termEnd", o.name
      FROM party_org_versions v JOIN organizations o ON o.id = v.org_id
      WHERE v.state = 'confirmed' AND v.superseded_on IS NULL AND v.has_party_org = 1 AND v.term_end IS NOT NULL
        AND o.status = 'active'`)) as { orgId: number; authorityId: number; termEnd: string; name: string }[];
    const open = (await deps.db.all(sql`
      SELECT a.id, a.org_id AS "orgId", a.kind, a.term_end AS "termEnd", o.name
      FROM party_alerts a JOIN organizations o ON o.id = a.org_id WHERE a.closed_on IS NULL`)) as {
      id: number;
      orgId: number;
      kind: "term_due" | "term_overdue";
      termEnd: string;
      name: string;
    }[];
    const wanted = new Map<
      number,
      { kind: "term_due" | "term_overdue"; termEnd: string; authorityId: number; name: string }
    >();
    for (const v of current) {
      const s = termStatus(v.termEnd, today);
      if (s.state === "due" || s.state === "overdue") {
        wanted.set(v.orgId, {
          kind: s.state === "due" ? "term_due" : "term_overdue",
          termEnd: v.termEnd,
          authorityId: v.authorityId,
          name: v.name,
        });
      }
    }
    const items: JobItem[] = [];
    const changes: BatchItem[] = [];
    const openByOrg = new Map(open.map((a) => [a.orgId, a]));
    for (const a of open) {
      const w = wanted.get(a.orgId);
      if (w && w.kind === a.kind && w.termEnd === a.termEnd) continue;
      items.push({ orgId: a.orgId, label: a.name, reason: `关闭换届提醒（任期${cnDay(a.termEnd)}届满）` });
      changes.push(
        deps.db.update(partyAlerts).set({ closedOn: today }).where(sql`id = ${a.id} AND closed_on IS NULL`),
      );
    }
    for (const [orgId, w] of wanted) {
      const a = openByOrg.get(orgId);
      if (a && a.kind === w.kind && a.termEnd === w.termEnd) continue;
      items.push({
        orgId,
        label: w.name,
        reason:
          w.kind === "term_due"
            ? `委员会任期将于${cnDay(w.termEnd)}届满`
            : `委员会任期已于${cnDay(w.termEnd)}届满，未换届`,
      });
      changes.push(
        deps.db
          .insert(partyAlerts)
          .values({ orgId, authorityId: w.authorityId, kind: w.kind, termEnd: w.termEnd, raisedOn: today }),
      );
    }
    if (!dryRun) {
      // Closings come first in the list, so an org's old alert is closed before its new one opens (one open per kind).
      for (let i = 0; i < changes.length; i += BATCH) {
        await commitWithAudit(deps.db, systemActor(this.name), changes.slice(i, i + BATCH), {
          action: "party.alerts.update",
          summary: { today, changed: changes.slice(i, i + BATCH).length },
        });
      }
    }
    return {
      changed: changes.length,
      summary: `${dryRun ? "将更新" : "更新"}换届提醒 ${changes.length} 项`,
      items: items.slice(0, MAX_ITEMS),
    };
  },
};

export const creditPartyJob: Job = {
  name: "credit-party",
  title: "信用名单候选（应建未建党组织）",
  description:
    "党建工作台账登记的正式党员达到应单独建立党支部的人数（默认3名，见业务参数）而没有党组织的组织，列为活动异常名录候选，由登记管理机关逐一审查后决定（R-F1、R-D1(2)、R-D7）。",
  async run(deps, today, { dryRun }) {
    const min = deps.config.domain.prechecks.party.branchMinFullMembers;
    const rows = (await deps.db.all(sql`
      WITH latest AS (
        SELECT c.* FROM party_member_counts c
        WHERE c.full_members >= ${min}
          AND c.id = (SELECT c2.id FROM party_member_counts c2 WHERE c2.org_id = c.org_id ORDER BY c2.as_of DESC, c2.id DESC LIMIT 1)
      )
      SELECT o.id AS "orgId", o.authority_id AS "authorityId", o.name, l.id AS "countsId", l.as_of AS "asOf",
        l.full_members AS "fullMembers"
      FROM latest l JOIN organizations o ON o.id = l.org_id
      LEFT JOIN party_org_versions v ON v.org_id = o.id AND v.state = 'confirmed' AND v.superseded_on IS NULL
      WHERE o.status = 'active' AND l.full_members >= ${min} AND coalesce(v.has_party_org, 0) = 0
        AND NOT EXISTS (SELECT 1 FROM credit_cases k WHERE k.source_key = 'party-counts:' || l.id)
        AND NOT EXISTS (SELECT 1 FROM credit_cases k WHERE k.org_id = o.id AND k.ground = 'd1_2'
          AND k.state NOT IN ('dropped', 'removed'))
      ORDER BY o.id`)) as {
      orgId: number;
      authorityId: number;
      name: string;
      countsId: number;
      asOf: string;
      fullMembers: number;
    }[];
    const run = candidateRun(deps, this.name, dryRun);
    await run.open(
      rows.map((r) =>
        candidate(r, `截至${cnDay(r.asOf)}有正式党员${r.fullMembers}名，未建立党组织（R-D1(2)）`, {
          list: "abnormal",
          ground: "d1_2",
          facts: `该组织党建工作台账登记截至${cnDay(r.asOf)}有正式党员${r.fullMembers}名，达到应当单独建立党支部的人数，但未建立党组织。`,
          evidence: `党建工作台账（党员人数，统计日期${cnDay(r.asOf)}）`,
          arisenOn: today,
          sourceKey: `party-counts:${r.countsId}`,
        }),
      ),
    );
    return run.report((n) => `新增活动异常名录候选（应建未建党组织）${n} 家`);
  },
};
