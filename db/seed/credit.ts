/**
 * Demo credit lists (src/domain/credit.ts): entries in every state, so that a newcomer sees the whole life at once —
 * candidates from 未参检 waiting for a decision (with their R-D10 countdown), a 事先告知 served, an objection, entries
 * listed by decision, removed on application, removed automatically after six months (R-D3), moved to 严重 after two
 * years (R-D4(1)), and revoked organizations on 严重 (R-D4(7)). Rows are written directly (no feature code), each
 * with the events of its life; deterministic for the same register.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/db";

interface Pick {
  id: number;
  authorityId: number;
  name: string;
  filingId: number | null;
  year: number | null;
}

type Row = {
  orgId: number;
  authorityId: number;
  list: "abnormal" | "serious";
  ground: string;
  state: string;
  facts: string;
  evidence: string;
  arisenOn: string;
  sourceKey: string | null;
  noticeMethod?: string;
  noticeServedOn?: string;
  objectionDeadline?: string;
  objectionText?: string;
  decisionOn?: string;
  decisionReasons?: string;
  documentNo?: string;
  listedOn?: string;
  removedOn?: string;
  removalReason?: string;
  removalDocumentNo?: string;
  period: "minor" | "general" | "serious";
  events: [string, string, string][];
};

export async function seedDemoCredit(db: Db): Promise<number> {
  const notFiled = (await db.all(sql`
    SELECT o.id, o.authority_id AS "authorityId", o.name, ai.id AS "filingId", ai.year
    FROM annual_inspections ai JOIN organizations o ON o.id = ai.org_id
    WHERE ai.state = 'not_filed' AND o.status = 'active'
      AND o.id NOT IN (SELECT org_id FROM users WHERE org_id IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM credit_cases c WHERE c.org_id = o.id)
    ORDER BY ai.year DESC, o.id LIMIT 9`)) as Pick[];
  const revoked = (await db.all(sql`
    SELECT o.id, o.authority_id AS "authorityId", o.name, o.status_on AS "statusOn", NULL AS "filingId", NULL AS year
    FROM organizations o WHERE o.status = 'revoked' AND NOT EXISTS (SELECT 1 FROM credit_cases c WHERE c.org_id = o.id)
    ORDER BY o.id LIMIT 2`)) as (Pick & { statusOn: string })[];
  if (notFiled.length < 9) return 0;
  const n = (i: number) => notFiled[i]!;
  const abnormal = (p: Pick, extra: Partial<Row> & { state: string; events: Row["events"] }): Row => ({
    orgId: p.id,
    authorityId: p.authorityId,
    list: "abnormal",
    ground: "d1_1",
    facts: `该组织${p.year}年度年检未在规定期限内报送年度工作报告，被标记为未参检。`,
    evidence: `${p.year}年度年度检查记录`,
    arisenOn: "2026-06-01",
    sourceKey: `inspection:${p.filingId}`,
    period: "general",
    ...extra,
  });
  const created: [string, string, string] = ["create", "candidate", "2026-06-01T01:00:00.000Z"];
  const rows: Row[] = [
    abnormal(n(0), {
      state: "candidate",
      arisenOn: "2026-11-18",
      events: [["create", "candidate", "2026-11-18T01:00:00.000Z"]],
    }),
    abnormal(n(1), {
      state: "candidate",
      arisenOn: "2026-11-12",
      events: [["create", "candidate", "2026-11-12T01:00:00.000Z"]],
    }),
    abnormal(n(2), {
      state: "notified",
      arisenOn: "2026-11-10",
      noticeMethod: "portal",
      noticeServedOn: "2026-11-16",
      objectionDeadline: "2026-11-30",
      events: [
        ["create", "candidate", "2026-11-10T01:00:00.000Z"],
        ["serve_notice", "notified", "2026-11-16T02:00:00.000Z"],
      ],
    }),
    abnormal(n(3), {
      state: "objected",
      arisenOn: "2026-11-02",
      noticeMethod: "mail",
      noticeServedOn: "2026-11-04",
      objectionDeadline: "2026-11-18",
      objectionText: "我单位已于11月补报年度工作报告，请予核实。",
      events: [
        ["create", "candidate", "2026-11-02T01:00:00.000Z"],
        ["serve_notice", "notified", "2026-11-04T02:00:00.000Z"],
        ["object", "objected", "2026-11-10T03:00:00.000Z"],
      ],
    }),
    ...[4, 5].map((i) =>
      abnormal(n(i), {
        state: "listed",
        noticeMethod: "portal",
        noticeServedOn: "2026-06-03",
        objectionDeadline: "2026-06-17",
        decisionOn: "2026-06-22",
        decisionReasons: "异议期内未提出异议，事实清楚。",
        documentNo: `示民信〔2026〕${i}号`,
        listedOn: "2026-06-22",
        events: [
          created,
          ["serve_notice", "notified", "2026-06-03T02:00:00.000Z"],
          ["decide_list", "listed", "2026-06-22T02:00:00.000Z"],
        ],
      }),
    ),
    abnormal(n(6), {
      state: "removed",
      noticeMethod: "portal",
      noticeServedOn: "2026-06-03",
      objectionDeadline: "2026-06-17",
      decisionOn: "2026-06-22",
      decisionReasons: "异议期内未提出异议。",
      documentNo: "示民信〔2026〕6号",
      listedOn: "2026-06-22",
      removedOn: "2026-09-15",
      removalReason: "cured",
      removalDocumentNo: "示民信〔2026〕31号",
      events: [
        created,
        ["serve_notice", "notified", "2026-06-03T02:00:00.000Z"],
        ["decide_list", "listed", "2026-06-22T02:00:00.000Z"],
        ["remove", "removed", "2026-09-15T02:00:00.000Z"],
      ],
    }),
    abnormal(n(7), {
      ground: "d1_5",
      state: "removed",
      facts: "该组织因未按规定公开信息，于2026年2月受到警告处罚。",
      evidence: "行政处罚决定书",
      arisenOn: "2026-02-20",
      sourceKey: null,
      period: "minor",
      noticeMethod: "portal",
      noticeServedOn: "2026-02-24",
      objectionDeadline: "2026-03-10",
      decisionOn: "2026-03-12",
      decisionReasons: "事实清楚。",
      documentNo: "示民信〔2026〕2号",
      listedOn: "2026-03-12",
      removedOn: "2026-09-12",
      removalReason: "automatic",
      events: [
        ["create", "candidate", "2026-02-20T01:00:00.000Z"],
        ["serve_notice", "notified", "2026-02-24T02:00:00.000Z"],
        ["decide_list", "listed", "2026-03-12T02:00:00.000Z"],
        ["remove", "removed", "2026-09-12T18:30:00.000Z"],
      ],
    }),
    abnormal(n(8), {
      state: "removed",
      arisenOn: "2024-07-20",
      noticeMethod: "publication",
      noticeServedOn: "2024-07-25",
      objectionDeadline: "2024-08-08",
      decisionOn: "2024-08-12",
      decisionReasons: "公告送达期满未提出异议。",
      documentNo: "示民信〔2024〕7号",
      listedOn: "2024-08-12",
      removedOn: "2026-08-12",
      removalReason: "escalated",
      events: [
        ["create", "candidate", "2024-07-20T01:00:00.000Z"],
        ["serve_notice", "notified", "2024-07-25T02:00:00.000Z"],
        ["decide_list", "listed", "2024-08-12T02:00:00.000Z"],
        ["remove", "removed", "2026-08-12T18:30:00.000Z"],
      ],
    }),
    {
      orgId: n(8).id,
      authorityId: n(8).authorityId,
      list: "serious",
      ground: "d4_1",
      state: "listed",
      facts: "该组织自2024年8月12日起列入活动异常名录满2年。",
      evidence: "活动异常名录记录",
      arisenOn: "2026-08-12",
      sourceKey: null,
      decisionOn: "2026-08-12",
      decisionReasons: "被列入活动异常名录满2年",
      listedOn: "2026-08-12",
      period: "serious",
      events: [
        ["create", "candidate", "2026-08-12T18:30:00.000Z"],
        ["list_directly", "listed", "2026-08-12T18:30:00.000Z"],
      ],
    },
    ...revoked.map(
      (p): Row => ({
        orgId: p.id,
        authorityId: p.authorityId,
        list: "serious",
        ground: "d4_7",
        state: "listed",
        facts: `该组织于${p.statusOn}被撤销登记。`,
        evidence: "登记管理机关的撤销决定",
        arisenOn: p.statusOn,
        sourceKey: `terminated:${p.id}`,
        decisionOn: p.statusOn,
        decisionReasons: "被撤销登记",
        listedOn: p.statusOn,
        period: "serious",
        events: [
          ["create", "candidate", `${p.statusOn}T01:00:00.000Z`],
          ["list_directly", "listed", `${p.statusOn}T01:00:00.000Z`],
        ],
      }),
    ),
  ];
  for (const r of rows) {
    const [row] = (await db.all(sql`
      INSERT INTO credit_cases (org_id, authority_id, list, ground, state, facts, evidence, arisen_on, source_key,
        notice_method, notice_served_on, objection_deadline, objection_text, objection_at, decision_on, decision_reasons,
        document_no, listed_on, removed_on, removal_reason, removal_document_no, publication_period, version)
      VALUES (${r.orgId}, ${r.authorityId}, ${r.list}, ${r.ground}, ${r.state}, ${r.facts}, ${r.evidence}, ${r.arisenOn},
        ${r.sourceKey}, ${r.noticeMethod ?? null}, ${r.noticeServedOn ?? null}, ${r.objectionDeadline ?? null},
        ${r.objectionText ?? null}, ${r.objectionText ? "2026-11-10T03:00:00.000Z" : null}, ${r.decisionOn ?? null},
        ${r.decisionReasons ?? null}, ${r.documentNo ?? null}, ${r.listedOn ?? null}, ${r.removedOn ?? null},
        ${r.removalReason ?? null}, ${r.removalDocumentNo ?? null}, ${r.period}, ${r.events.length})
      RETURNING id`)) as { id: number }[];
    let from: string | null = null;
    for (const [action, to, at] of r.events) {
      await db.run(sql`INSERT INTO credit_events (case_id, action, from_state, to_state, actor_role, actor_name, at)
        VALUES (${row!.id}, ${action}, ${from}, ${to}, ${action === "create" || action === "list_directly" || action === "remove" ? "system" : action === "object" ? "org" : "registrar"}, ${"demo-seed"}, ${at})`);
      from = to;
    }
  }
  // Registered letters to the 住所: three organizations whose two letters came back unsigned 28 days apart (R-D2,
  // R-E1(d): unreachable), one whose second letter was signed.
  const addressed = (await db.all(sql`
    SELECT o.id, o.authority_id AS "authorityId", o.address FROM organizations o
    WHERE o.status = 'active' AND o.id NOT IN (SELECT org_id FROM users WHERE org_id IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM letters l WHERE l.org_id = o.id)
    ORDER BY o.id DESC LIMIT 4`)) as { id: number; authorityId: number; address: string }[];
  for (const [i, o] of addressed.entries()) {
    const second = i < 3 ? "unsigned" : "signed";
    await db.run(sql`INSERT INTO letters (org_id, authority_id, purpose, address, sent_on, tracking_no, outcome, outcome_on, outcome_note)
      VALUES (${o.id}, ${o.authorityId}, 'address_check', ${o.address}, '2026-09-07', ${`XA${900100 + i * 2}`}, 'unsigned', '2026-09-15', '查无此单位'),
             (${o.id}, ${o.authorityId}, 'address_check', ${o.address}, '2026-10-05', ${`XA${900101 + i * 2}`}, ${second}, '2026-10-13',
              ${second === "unsigned" ? "迁移新址不明" : null})`);
  }
  return rows.length;
}
