/**
 * Demo zombie cases (src/domain/zombie-case.ts) in every state, so that a newcomer sees the whole life at once: just
 * opened, under investigation with contact attempts, 限期整改 waiting for its 整改通知书, guided to 注销, a 撤销
 * 事先告知 served by 公告 with its window running, a hearing requested, a decision made, and closed cases of each
 * outcome — among them one 撤销 by 公告送达 from 立案 to the register's 撤销 (its 公告) and, through the daily job, the
 * 严重 entry. Rows are written directly (no feature code), deterministic for the same register.
 */
import { sql } from "drizzle-orm";
import { commitWithAudit, systemActor } from "../../src/audit/audit";
import type { BatchItem, Db } from "../../src/db";
import {
  rectificationNotices,
  settingChanges,
  zombieCaseEvents,
  zombieCases,
  zombieContacts,
} from "../schema";

interface Pick {
  id: number;
  authorityId: number;
  name: string;
  statusOn: string;
}

const day = (base: string, days: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * R-E1(c) in the demo: the administrator sets 自此日期以来无业务范围内活动 to 1 January of last year (through the settings'
 * history, audited as the settings page records it), and the registrar has recorded, on four reports under review, that
 * the listed 重大活动 lie outside the 业务范围 — so the zombie-signals job finds (c) candidates beside (a), (b) and (d).
 * Concluded reports keep their activities in the last round's snapshot only (the inspections seed writes no working
 * sections for them); the activities section is copied for the years from the date on, as a filing keeps it in use.
 */
async function seedNoActivitySince(db: Db, today: string, cityId: number): Promise<BatchItem[]> {
  const [admin] = (await db.all(
    sql`SELECT id, username FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`,
  )) as {
    id: number;
    username: string;
  }[];
  if (!admin) return [];
  const since = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const effectiveFrom = day(today, -60);
  const reason = `依据示范市民政局《关于开展僵尸型社会组织专项清理整治工作的通知》（示民发〔${today.slice(0, 4)}〕5号）`;
  const year = Number(since.slice(0, 4));
  const review =
    (await db.all(sql`SELECT f.id FROM annual_inspections f JOIN organizations o ON o.id = f.org_id
    WHERE f.year = ${year} AND f.state = 'registrar_review' AND o.authority_id = ${cityId} AND o.status = 'active'
      AND o.id NOT IN (SELECT org_id FROM users WHERE org_id IS NOT NULL)
    ORDER BY f.id LIMIT 4`)) as { id: number }[];
  const setting = db.insert(settingChanges).values({
    key: "zombieNoActivitySince",
    value: JSON.stringify(since),
    effectiveFrom,
    reason,
    createdBy: admin.id,
    createdAt: `${effectiveFrom}T01:30:00.000Z`,
  });
  const facts: BatchItem[] = [
    db.run(sql`INSERT INTO inspection_sections (filing_id, section, data, saved_version)
      SELECT f.id, 'activities', json_extract(r.snapshot, '$.activities'), f.version
      FROM annual_inspections f JOIN inspection_rounds r ON r.filing_id = f.id
        AND r.round = (SELECT max(x.round) FROM inspection_rounds x WHERE x.filing_id = f.id)
      WHERE f.year >= ${year} AND f.state IN ('concluded', 'published')
        AND json_extract(r.snapshot, '$.activities') IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM inspection_sections s WHERE s.filing_id = f.id AND s.section = 'activities')`),
    ...review.map((f) =>
      db.run(sql`INSERT INTO inspection_problems (filing_id, description, severity, section, created_at)
        VALUES (${f.id}, '所列重大活动超出章程核准的业务范围，未见业务范围内的活动。', 'serious', 'activities',
          ${`${day(today, -20)}T02:00:00.000Z`})`),
    ),
  ];
  await commitWithAudit(
    db,
    { userId: admin.id, username: admin.username, role: "admin", ip: null },
    [setting],
    {
      action: "settings.change",
      objectType: "setting",
      objectId: "zombieNoActivitySince",
      summary: {
        title: "僵尸型组织线索：自此日期以来无业务范围内活动",
        effectiveFrom,
        before: null,
        after: since,
        reason,
      },
    },
  );
  return facts;
}

export async function seedDemoZombies(db: Db, today: string): Promise<number> {
  const [done] = (await db.all(sql`SELECT count(*) AS n FROM zombie_cases`)) as { n: number }[];
  if (Number(done!.n) > 0) return 0;
  const city = (await db.all(sql`SELECT id FROM authorities WHERE code = '159900'`)) as { id: number }[];
  if (!city[0]) return 0;
  const quietFacts = await seedNoActivitySince(db, today, city[0].id);
  const pick = async (where: ReturnType<typeof sql>, n: number) =>
    (await db.all(sql`SELECT o.id, o.authority_id AS "authorityId", o.name, o.status_on AS "statusOn"
      FROM organizations o WHERE o.authority_id = ${city[0]!.id} AND ${where}
        AND o.id NOT IN (SELECT org_id FROM users WHERE org_id IS NOT NULL)
        AND o.id NOT IN (SELECT org_id FROM credit_cases)
      ORDER BY o.id LIMIT ${n}`)) as Pick[];
  const missed = await pick(
    sql`o.status = 'active' AND (SELECT count(*) FROM annual_inspections ai WHERE ai.org_id = o.id AND ai.state = 'not_filed') >= 1`,
    9,
  );
  const revoked = await pick(sql`o.status = 'revoked'`, 2);
  const deregistered = await pick(sql`o.status = 'deregistered'`, 1);
  if (missed.length < 9 || revoked.length < 2 || deregistered.length < 1) return 0;
  const signals = "连续未参加年检：最近两个年度未参检；通过登记住所无法取得联系：两次挂号信退回";
  const rows: (typeof zombieCases.$inferInsert)[] = [];
  const events: (typeof zombieCaseEvents.$inferInsert)[] = [];
  const contacts: (typeof zombieContacts.$inferInsert)[] = [];
  let id = 1;
  const add = (
    o: Pick,
    state: (typeof zombieCases.$inferInsert)["state"],
    openedOn: string,
    steps: [string, string, string][],
    extra: Partial<typeof zombieCases.$inferInsert> = {},
  ) => {
    const caseId = id++;
    rows.push({
      id: caseId,
      orgId: o.id,
      authorityId: o.authorityId,
      state,
      openedOn,
      signals,
      evidence: "两次寄往登记住所的挂号信均被退回，登记电话停机。",
      ...extra,
    });
    events.push({
      caseId,
      action: "open",
      fromState: null,
      toState: "open",
      actorName: "演示登记员（市局）",
      at: `${openedOn}T02:00:00.000Z`,
      details: {},
    });
    let from = "open";
    for (const [action, to, on] of steps) {
      events.push({
        caseId,
        action,
        fromState: from,
        toState: to,
        actorName: "演示登记员（市局）",
        at: `${on}T03:00:00.000Z`,
        details: {},
      });
      from = to;
    }
    return caseId;
  };
  const t = (n: number) => day(today, n);
  add(missed[0]!, "open", t(-3), []);
  const inv = add(missed[1]!, "investigating", t(-40), [["start_investigation", "investigating", t(-38)]]);
  contacts.push(
    {
      orgId: missed[1]!.id,
      caseId: inv,
      kind: "phone",
      on: t(-35),
      byName: "演示登记员（市局）",
      reached: false,
      outcome: "登记电话停机",
    },
    {
      orgId: missed[1]!.id,
      caseId: inv,
      kind: "visit",
      on: t(-20),
      byName: "演示登记员（市局）",
      reached: false,
      outcome: "住所已改作他用，物业称该组织已搬离",
    },
  );
  const [maxNotice] = (await db.all(sql`SELECT coalesce(max(id), 0) AS n FROM rectification_notices`)) as {
    n: number;
  }[];
  const noticeId = Number(maxNotice!.n) + 1;
  const rect = add(
    missed[2]!,
    "rectifying",
    t(-60),
    [
      ["start_investigation", "investigating", t(-58)],
      ["order_rectification", "rectifying", t(-30)],
    ],
    { rectificationNoticeId: noticeId },
  );
  add(
    missed[3]!,
    "deregistering",
    t(-70),
    [
      ["start_investigation", "investigating", t(-68)],
      ["guide_deregistration", "deregistering", t(-40)],
    ],
    { deregistrationInvitedOn: t(-40) },
  );
  add(
    missed[4]!,
    "notified",
    t(-50),
    [
      ["start_investigation", "investigating", t(-48)],
      ["serve_revocation_notice", "notified", t(-10)],
    ],
    {
      noticeMethod: "publication",
      noticeDocumentNo: "示民撤告〔2026〕12号",
      noticePublishedOn: t(-10),
      noticeServedOn: t(20),
      windowEndsOn: t(27),
    },
  );
  add(
    missed[5]!,
    "hearing",
    t(-90),
    [
      ["start_investigation", "investigating", t(-88)],
      ["serve_revocation_notice", "notified", t(-30)],
      ["record_hearing_request", "hearing", t(-27)],
    ],
    {
      noticeMethod: "mail",
      noticeDocumentNo: "示民撤告〔2026〕9号",
      noticeServedOn: t(-30),
      windowEndsOn: t(-23),
      hearingRequestedOn: t(-27),
    },
  );
  add(
    missed[6]!,
    "closed",
    t(-120),
    [
      ["start_investigation", "investigating", t(-118)],
      ["close_not_zombie", "closed", t(-100)],
    ],
    {
      outcome: "not_zombie",
      closedOn: t(-100),
      closeReason: "走访发现该组织正常开展活动，已补报年度工作报告。",
    },
  );
  add(
    deregistered[0]!,
    "closed",
    day(deregistered[0]!.statusOn, -60),
    [
      ["start_investigation", "investigating", day(deregistered[0]!.statusOn, -58)],
      ["guide_deregistration", "deregistering", day(deregistered[0]!.statusOn, -50)],
      ["close_deregistered", "closed", deregistered[0]!.statusOn],
    ],
    {
      outcome: "deregistered",
      closedOn: deregistered[0]!.statusOn,
      deregistrationInvitedOn: day(deregistered[0]!.statusOn, -50),
    },
  );
  // A 撤销 by 公告送达 from 立案 to the end: the register's 撤销 (already in the demo with its 公告) is the decision.
  for (const [k, o] of revoked.entries()) {
    const decided = o.statusOn;
    add(
      o,
      k === 0 ? "closed" : "decided",
      day(decided, -120),
      [
        ["start_investigation", "investigating", day(decided, -118)],
        ["serve_revocation_notice", "notified", day(decided, -80)],
        ["decide_revocation", "decided", decided],
        ...(k === 0
          ? ([["record_certificate", "closed", day(decided, 10)]] as [string, string, string][])
          : []),
      ],
      {
        noticeMethod: "publication",
        noticeDocumentNo: `示民撤告〔${decided.slice(0, 4)}〕${k + 3}号`,
        noticePublishedOn: day(decided, -80),
        noticeServedOn: day(decided, -50),
        windowEndsOn: day(decided, -43),
        decisionKind: "revocation",
        decisionDocumentNo: `示民撤〔${decided.slice(0, 4)}〕${k + 3}号`,
        decidedOn: decided,
        decisionReasons: "长期未开展活动，通过登记住所无法取得联系，经公告送达事先告知，未提出陈述申辩。",
        ...(k === 0
          ? {
              outcome: "revoked" as const,
              closedOn: day(decided, 10),
              certificateNote: "登记证书、印章无法收缴，已公告作废。",
            }
          : {}),
      },
    );
  }
  const [maxCase] = (await db.all(sql`SELECT coalesce(max(id), 0) AS n FROM zombie_cases`)) as {
    n: number;
  }[];
  const offset = Number(maxCase!.n);
  const statements: BatchItem[] = [
    ...quietFacts,
    db.insert(rectificationNotices).values({
      id: noticeId,
      orgId: missed[2]!.id,
      authorityId: missed[2]!.authorityId,
      source: "zombie",
      sourceId: rect + offset,
      documentNo: "示民整〔2026〕21号",
      facts: "该组织连续两个年度未参加年度检查，登记住所无法联系。",
      items: [
        { text: "补报近两个年度的年度工作报告", basis: "《社会团体登记管理条例》第二十八条" },
        { text: "办理住所变更登记或恢复在登记住所办公", basis: "《社会团体登记管理条例》第十八条" },
      ],
      servedOn: t(-30),
      deadline: t(-2),
    }),
    db.insert(zombieCases).values(rows.map((r) => ({ ...r, id: r.id! + offset }))),
    db.insert(zombieCaseEvents).values(events.map((e) => ({ ...e, caseId: e.caseId + offset }))),
    db.insert(zombieContacts).values(contacts.map((c) => ({ ...c, caseId: c.caseId! + offset }))),
  ];
  await commitWithAudit(db, systemActor("demo-seed"), statements, {
    action: "demo.zombies",
    objectType: "register",
    summary: { cases: rows.length },
  });
  return rows.length;
}
