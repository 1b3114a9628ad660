/**
 * The credit lists' daily jobs (registered in src/jobs/registry.ts). A candidate never lists anyone by itself: the
 * candidate jobs only open cases for a registrar to decide (R-D7); the moves the rules make without a decision are
 * R-D3's automatic removal, R-D4(1)'s escalation and R-D4(7)'s listing of revoked organizations (their 撤销 had its
 * own hearing). Each is idempotent: rule-made cases carry a source key, and moved cases are no longer in the state
 * the job looks for.
 */
import { sql } from "drizzle-orm";
import { creditCases, creditEvents, notices } from "../../db/schema";
import { commitWithAudit, systemActor } from "../audit/audit";
import { type BatchItem, isStaleWrite, nextId, staleGuard } from "../db";
import {
  automaticRemovalOn,
  CREDIT_GROUNDS,
  escalationOn,
  groundsFromPenalties,
  type LetterFact,
  NOTHING_TO_CURE,
  type PenaltyFact,
  publicationPeriodOf,
  unreachableBy,
} from "../domain/credit";
import { cnDate } from "../domain/dates";
import type { Job, JobItem, JobReport } from "../jobs/types";
import { type Candidate, candidate, candidateRun } from "./candidate-run";
import { act } from "./service";

const MAX_ITEMS = 500;
const report = (items: JobItem[], changed: number, summary: string): JobReport => ({
  changed,
  summary,
  items: items.slice(0, MAX_ITEMS),
});

/** R-D1(1): each 未参检 filing (and 不合格 where the locality lists it) opens an 活动异常名录 candidate. */
export const creditCandidatesJob: Job = {
  name: "credit-candidates",
  title: "信用名单候选（未参检）",
  description:
    "年度检查标记为未参检（及按本地设置为不合格）的组织，列为活动异常名录候选，由登记管理机关逐一审查、送达事先告知后决定（R-D1(1)、R-D7）。",
  async run(deps, today, { dryRun }) {
    // A published 不合格 conclusion counts where the locality lists it (R-D1(1), `creditListsUnqualified`).
    const unqualified = deps.config.domain.creditListsUnqualified
      ? sql` OR (ai.state = 'published' AND ai.conclusion = 'unqualified')`
      : sql``;
    // CROSS JOIN keeps SQLite on the filings' state index (a few per cent of them) instead of walking every
    // organization's filings. Read 5,000 at a time: a register's first run makes 100,000 candidates, and holding them
    // all at once made the process pause for garbage collection.
    const page = async (after: number) =>
      (await deps.db.all(sql`
      SELECT ai.id, ai.org_id AS "orgId", ai.authority_id AS "authorityId", ai.year, ai.state, o.name
      FROM annual_inspections ai CROSS JOIN organizations o ON o.id = ai.org_id
      WHERE (ai.state = 'not_filed'${unqualified}) AND ai.id > ${after}
        AND o.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM credit_cases c WHERE c.source_key = 'inspection:' || ai.id)
      ORDER BY ai.id LIMIT 5000`)) as {
        id: number;
        orgId: number;
        authorityId: number;
        year: number;
        state: string;
        name: string;
      }[];
    const run = candidateRun(deps, this.name, dryRun);
    for (let rows = await page(0); rows.length > 0; rows = await page(rows.at(-1)!.id)) {
      await run.open(
        rows.map((r) =>
          candidate(r, `${r.year}年度年检${r.state === "not_filed" ? "未参检" : "不合格"}（R-D1(1)）`, {
            list: "abnormal",
            ground: "d1_1",
            facts: `该组织${r.year}年度年检${r.state === "not_filed" ? "未在规定期限内报送年度工作报告，被标记为未参检" : "结论为不合格"}。`,
            evidence: `年度检查记录（${r.year}年度）`,
            arisenOn: today,
            sourceKey: `inspection:${r.id}`,
          }),
        ),
      );
    }
    return run.report((n) => `新增活动异常名录候选 ${n} 家`);
  },
};

/** R-D4(7): an organization whose registration was revoked (撤销) or licence revoked (吊销) is listed as 严重. */
export const creditRevokedJob: Job = {
  name: "credit-revoked",
  title: "撤销、吊销登记的组织列入严重违法失信名单",
  description:
    "被撤销登记或吊销登记证书的组织，直接列入严重违法失信名单（R-D4(7)；撤销、吊销程序已经过听证，不再另行事先告知）。",
  async run(deps, _today, { dryRun }) {
    const rows = (await deps.db.all(sql`
      SELECT o.id, o.authority_id AS "authorityId", o.name, o.status, o.status_on AS "statusOn",
        (SELECT a.document_no FROM announcements a WHERE a.org_id = o.id AND a.kind IN ('revocation', 'license_revocation')
          ORDER BY a.published_on DESC, a.id DESC LIMIT 1) AS "documentNo"
      FROM organizations o
      WHERE o.status IN ('revoked', 'license_revoked')
        AND NOT EXISTS (SELECT 1 FROM credit_cases c WHERE c.source_key = 'terminated:' || o.id)
      ORDER BY o.id`)) as {
      id: number;
      authorityId: number;
      name: string;
      status: string;
      statusOn: string;
      documentNo: string | null;
    }[];
    const run = candidateRun(deps, this.name, dryRun);
    await run.open(
      rows.map((r) => ({
        item: {
          orgId: r.id,
          label: r.name,
          reason: `${cnDate(r.statusOn)} ${r.status === "revoked" ? "被撤销登记" : "被吊销登记证书"}（R-D4(7)）`,
        },
        // R-D4(7): listed at once (the 撤销/吊销 had its own hearing), dated the day of the decision.
        case: {
          orgId: r.id,
          authorityId: r.authorityId,
          list: "serious",
          ground: "d4_7",
          facts: `该组织于${cnDate(r.statusOn)}${r.status === "revoked" ? "被撤销登记" : "被吊销登记证书"}。`,
          evidence: "登记管理机关的撤销（吊销）决定",
          arisenOn: r.statusOn,
          sourceKey: `terminated:${r.id}`,
          // The entry rests on the 撤销/吊销 decision: its date and its 文号.
          listed: { reasons: CREDIT_GROUNDS.d4_7.label, on: r.statusOn, documentNo: r.documentNo },
        },
      })),
    );
    return run.report((n) => `列入严重违法失信名单 ${n} 家`);
  },
};

/**
 * R-D3: an 活动异常名录 entry with nothing to cure leaves by itself six months after listing. R-D4(1) with R-D5:
 * an organization on 活动异常名录 for two full years since its latest listing moves to 严重 — off 异常 and on 严重.
 */
export const creditMovesJob: Job = {
  name: "credit-moves",
  title: "信用名单到期移出与转入",
  description:
    "活动异常名录中无需整改的记录列入满6个月自动移出（R-D3）；列入活动异常名录满2年（自最近一次列入起算，R-D5）的组织转入严重违法失信名单（R-D4(1)）。",
  async run(deps, today, { dryRun }) {
    const listed = (await deps.db.all(sql`
      SELECT c.id, c.org_id AS "orgId", c.authority_id AS "authorityId", c.ground, c.listed_on AS "listedOn", c.version, o.name
      FROM credit_cases c JOIN organizations o ON o.id = c.org_id
      WHERE c.list = 'abnormal' AND c.state = 'listed' ORDER BY c.org_id, c.id`)) as {
      id: number;
      orgId: number;
      authorityId: number;
      ground: keyof typeof CREDIT_GROUNDS;
      listedOn: string;
      version: number;
      name: string;
    }[];
    const byOrg = new Map<number, typeof listed>();
    for (const r of listed) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
    const items: JobItem[] = [];
    let changed = 0;
    for (const entries of byOrg.values()) {
      const escalate = escalationOn(entries.map((e) => e.listedOn));
      if (escalate && escalate <= today) {
        items.push({
          orgId: entries[0]!.orgId,
          label: entries[0]!.name,
          reason: `列入活动异常名录已满2年（至${escalate}），转入严重违法失信名单（R-D4(1)）`,
        });
        if (dryRun) continue;
        if (await escalate2Years(deps, systemActor(this.name), entries, escalate)) changed++;
        continue;
      }
      for (const e of entries) {
        if (!NOTHING_TO_CURE.has(e.ground) || automaticRemovalOn(e.listedOn) > today) continue;
        items.push({
          orgId: e.orgId,
          label: e.name,
          reason: `${cnDate(e.listedOn)}列入，满6个月（${cnDate(automaticRemovalOn(e.listedOn))}）自动移出（R-D3）`,
        });
        if (dryRun) continue;
        const r = await act(
          deps,
          "system",
          e.id,
          "remove",
          { version: e.version, removalReason: "automatic", reasons: "列入满6个月，自动移出" },
          null,
        );
        if (r.ok) changed++;
      }
    }
    return report(
      items,
      dryRun ? items.length : changed,
      `${dryRun ? "将" : "已"}处理到期移出、转入 ${dryRun ? items.length : changed} 项`,
    );
  },
};

/** R-D1(6) with R-D2: two letters to the registered 住所 unsigned, the second 20–60 days (a setting) after the first. */
export const creditUnreachableJob: Job = {
  name: "credit-unreachable",
  title: "信用名单候选（无法联系）",
  description:
    "向登记住所寄送的两封信件均未签收、且第二封在第一封之后的规定天数内寄出的组织，列为活动异常名录候选（R-D1(6)、R-D2；间隔天数可设置）。",
  async run(deps, _today, { dryRun }) {
    const rows = (await deps.db.all(sql`
      SELECT l.id, l.org_id AS "orgId", o.authority_id AS "authorityId", o.name, l.sent_on AS "sentOn", l.outcome, l.tracking_no AS "trackingNo"
      FROM letters l JOIN organizations o ON o.id = l.org_id
      WHERE l.addressee = 'registered_address' AND l.outcome = 'unsigned' AND o.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM credit_cases c WHERE c.org_id = l.org_id AND c.ground = 'd1_6' AND c.state NOT IN ('dropped', 'removed'))
      ORDER BY l.org_id, l.sent_on`)) as (LetterFact & {
      id: number;
      orgId: number;
      authorityId: number;
      name: string;
      trackingNo: string;
    })[];
    const byOrg = new Map<number, typeof rows>();
    for (const r of rows) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
    const found: Candidate[] = [];
    for (const letters of byOrg.values()) {
      const pair = unreachableBy(letters, deps.config.domain.unreachableLetterIntervalDays) as
        | [(typeof rows)[number], (typeof rows)[number]]
        | null;
      if (!pair) continue;
      const [a, b] = pair;
      found.push(
        candidate(a, `${cnDate(a.sentOn)}、${cnDate(b.sentOn)}寄往登记住所的信件均未签收（R-D2）`, {
          list: "abnormal",
          ground: "d1_6",
          facts: `登记管理机关于${cnDate(a.sentOn)}、${cnDate(b.sentOn)}两次向该组织登记的住所寄送信件，均未签收。`,
          evidence: `挂号信邮件号 ${a.trackingNo}、${b.trackingNo}`,
          arisenOn: b.sentOn,
          sourceKey: `unreachable:${a.id}:${b.id}`,
        }),
      );
    }
    const run = candidateRun(deps, this.name, dryRun);
    await run.open(found);
    return run.report((n) => `新增活动异常名录候选（无法联系）${n} 家`);
  },
};

/** Penalties (行政处罚) → candidates: R-D1(5) 警告 / small fine; R-D4(3) 限期停止活动; R-D4(4) fine ≥ ¥50,000; R-D4(5). */
export const creditPenaltiesJob: Job = {
  name: "credit-penalties",
  title: "信用名单候选（行政处罚）",
  description:
    "受到警告或不满5万元罚款的，列为活动异常名录候选（R-D1(5)）；受到5万元以上罚款、限期停止活动，或三年内两次以上警告、小额罚款的，列为严重违法失信名单候选（R-D4(3)至(5)）。",
  async run(deps, today, { dryRun }) {
    const rows = (await deps.db.all(sql`
      SELECT p.id, p.org_id AS "orgId", o.authority_id AS "authorityId", o.name, p.kind, p.amount_fen AS "amountFen",
        p.decided_on AS "decidedOn", p.document_no AS "documentNo", p.department
      FROM penalties p JOIN organizations o ON o.id = p.org_id WHERE o.status = 'active' AND p.decided_on <= ${today}
      ORDER BY p.org_id, p.decided_on`)) as (PenaltyFact & {
      orgId: number;
      authorityId: number;
      name: string;
      documentNo: string;
      department: string;
    })[];
    const byOrg = new Map<number, typeof rows>();
    for (const r of rows) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
    const found: Candidate[] = [];
    for (const list of byOrg.values()) {
      for (const g of groundsFromPenalties(list)) {
        const key = `penalty:${g.ground}:${g.penalties.join(",")}`;
        const [seen] = (await deps.db.all(
          sql`SELECT 1 AS x FROM credit_cases WHERE source_key = ${key}`,
        )) as unknown[];
        if (seen) continue;
        const used = list.filter((p) => g.penalties.includes(p.id));
        const docs = used.map((p) => `${p.department}${p.documentNo}（${cnDate(p.decidedOn)}）`).join("、");
        found.push(
          candidate(list[0]!, `${CREDIT_GROUNDS[g.ground].label}：${docs}`, {
            list: CREDIT_GROUNDS[g.ground].list,
            ground: g.ground,
            facts: `该组织受到行政处罚：${docs}。`,
            evidence: `行政处罚决定书 ${used.map((p) => p.documentNo).join("、")}`,
            arisenOn: used.at(-1)!.decidedOn,
            sourceKey: key,
          }),
        );
      }
    }
    const run = candidateRun(deps, this.name, dryRun);
    await run.open(found);
    return run.report((n) => `新增信用名单候选（行政处罚）${n} 项`);
  },
};

/** R-D1(3): a 整改通知书 past its deadline and not accepted makes an 活动异常名录 candidate, once per notice. */
export const creditNoticesJob: Job = {
  name: "credit-notices",
  title: "信用名单候选（逾期未整改）",
  description: "整改通知书的整改期限已过而整改报告未验收的组织，列为活动异常名录候选（R-D1(3)）。",
  async run(deps, today, { dryRun }) {
    const rows = (await deps.db.all(sql`
      SELECT n.id, n.org_id AS "orgId", n.authority_id AS "authorityId", o.name, n.document_no AS "documentNo", n.deadline
      FROM rectification_notices n JOIN organizations o ON o.id = n.org_id
      WHERE n.state <> 'accepted' AND n.deadline < ${today} AND o.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM credit_cases c WHERE c.source_key = 'notice:' || n.id)
      ORDER BY n.deadline, n.id`)) as {
      id: number;
      orgId: number;
      authorityId: number;
      name: string;
      documentNo: string;
      deadline: string;
    }[];
    const run = candidateRun(deps, this.name, dryRun);
    await run.open(
      rows.map((r) =>
        candidate(r, `整改通知书${r.documentNo}的期限${cnDate(r.deadline)}已过，未验收（R-D1(3)）`, {
          list: "abnormal",
          ground: "d1_3",
          facts: `该组织未在整改通知书（${r.documentNo}）规定的期限（${cnDate(r.deadline)}）内完成整改。`,
          evidence: `整改通知书 ${r.documentNo}`,
          arisenOn: r.deadline,
          sourceKey: `notice:${r.id}`,
        }),
      ),
    );
    return run.report((n) => `新增活动异常名录候选（逾期未整改）${n} 家`);
  },
};

/**
 * R-D4(1): off 活动异常名录 and on 严重违法失信名单 at the same instant — one batch: the 异常 entries removed as
 * escalated and the 严重 entry listed, both dated the day the two years were complete, with their events and audit.
 * Returns false when another run got there first (a stale version or the source key already used).
 */
async function escalate2Years(
  deps: Parameters<Job["run"]>[0],
  actor: ReturnType<typeof systemActor>,
  entries: { id: number; orgId: number; authorityId: number; listedOn: string; version: number }[],
  on: string,
): Promise<boolean> {
  const db = deps.db;
  const first = entries[0]!;
  const sourceKey = `escalated:${entries.map((e) => e.id).join(",")}`;
  const [taken] = (await db.all(
    sql`SELECT 1 AS x FROM credit_cases WHERE source_key = ${sourceKey}`,
  )) as unknown[];
  if (taken) return false;
  const id = await nextId(db, "credit_cases");
  const at = (deps.now?.() ?? new Date()).toISOString();
  const latest = [...entries.map((e) => e.listedOn)].sort().at(-1);
  const reasons = CREDIT_GROUNDS.d4_1.label;
  const event = (
    caseId: number,
    action: string,
    fromState: string | null,
    toState: string,
    details: Record<string, unknown>,
  ) =>
    db.insert(creditEvents).values({
      caseId,
      action,
      fromState,
      toState,
      actorUserId: null,
      actorRole: "system",
      actorName: actor.username,
      at,
      details,
    });
  const statements: BatchItem[] = [];
  for (const e of entries) {
    statements.push(
      db
        .update(creditCases)
        .set({ state: "removed", removedOn: on, removalReason: "escalated", version: e.version + 1 })
        .where(
          sql`${creditCases.id} = ${e.id} AND ${creditCases.version} = ${e.version} AND ${creditCases.state} = 'listed'`,
        ),
      staleGuard(db),
      event(e.id, "remove", "listed", "removed", {
        reason: "escalated",
        reasons: "列入满2年，转入严重违法失信名单",
      }),
    );
  }
  statements.push(
    db.insert(creditCases).values({
      id,
      orgId: first.orgId,
      authorityId: first.authorityId,
      list: "serious",
      ground: "d4_1",
      state: "listed",
      facts: `该组织自${latest}起列入活动异常名录，至${on}满2年，依规则转入严重违法失信名单。`,
      evidence: "活动异常名录记录",
      arisenOn: on,
      sourceKey,
      decisionOn: on,
      decisionReasons: reasons,
      listedOn: on,
      publicationPeriod: publicationPeriodOf("d4_1"),
    }),
    event(id, "create", null, "candidate", { ground: "d4_1", sourceKey }),
    event(id, "list_directly", "candidate", "listed", { reasons }),
    db.insert(notices).values({
      orgId: first.orgId,
      text: "您单位列入活动异常名录已满2年，已转入严重违法失信名单。",
      href: `/portal/credit/${id}`,
      createdAt: at,
    }),
  );
  try {
    await commitWithAudit(db, actor, statements, [
      ...entries.map((e) => ({
        action: "credit.remove",
        objectType: "credit_case",
        objectId: e.id,
        orgId: e.orgId,
        summary: { reason: "escalated", on },
      })),
      {
        action: "credit.list_directly",
        objectType: "credit_case",
        objectId: id,
        orgId: first.orgId,
        summary: { list: "serious", ground: "d4_1", on, escalatedFrom: entries.map((e) => e.id) },
      },
    ]);
    return true;
  } catch (e) {
    if (isStaleWrite(e) || String((e as Error)?.message ?? e).includes("UNIQUE")) return false;
    throw e;
  }
}
