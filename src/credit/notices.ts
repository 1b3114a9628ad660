/**
 * 整改通知书 (rectification notices): a registrar issues one to an organization (standalone, from a 年检 conclusion or
 * from a zombie case); the organization answers with a 整改报告 per item; the registrar accepts it or returns it with a
 * reason, as often as needed, every round kept. While one is open the 年检 requires its 整改报告 section (R-C5); past
 * its deadline and not accepted, it becomes an 活动异常名录 candidate (R-D1(3), the `credit-notices` job).
 */
import { sql } from "drizzle-orm";
import { notices, rectificationNotices } from "../../db/schema";
import { type Actor, commitVersioned, commitWithAudit } from "../audit/audit";
import { actorOf, readableAuthorityIds } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import { todayOf } from "../context";
import type { Db } from "../db";
import { cnDate } from "../domain/dates";
import { addWorkingDays, yearsWithoutCalendar } from "../domain/working-days";
import { loadCalendar } from "../inspection/holidays";
import type { NoticeView, Result } from "./contract";
import { ownOrg } from "./queries";

const COLUMNS = sql`n.id, n.org_id AS "orgId", o.name AS "orgName", o.uscc, n.authority_id AS "authorityId",
  a.name AS "authorityName", n.source, n.document_no AS "documentNo", n.facts, n.items, n.served_on AS "servedOn",
  n.deadline, n.state, n.rounds, n.accepted_on AS "acceptedOn", n.version`;
const FROM = sql`rectification_notices n JOIN organizations o ON o.id = n.org_id JOIN authorities a ON a.id = n.authority_id`;

const parsed = (r: Record<string, unknown>): NoticeView =>
  ({ ...r, items: JSON.parse(String(r.items)), rounds: JSON.parse(String(r.rounds)) }) as NoticeView;

/** R-C5: whether an organization has a 整改通知书 not yet accepted (its 年检 then requires the 整改报告 section). */
export async function hasOpenRectificationNotice(db: Db, orgId: number): Promise<boolean> {
  const [row] = (await db.all(
    sql`SELECT 1 AS x FROM rectification_notices WHERE org_id = ${orgId} AND state <> 'accepted' LIMIT 1`,
  )) as unknown[];
  return row !== undefined;
}

export async function noticeFor(deps: AppDeps, viewer: SessionUser, id: number): Promise<NoticeView | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = (await deps.db.all(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE n.id = ${id}`)) as Record<
    string,
    unknown
  >[];
  if (!row) return null;
  const n = parsed(row);
  if (viewer.role === "org") return viewer.orgId === n.orgId ? n : null;
  if (viewer.role === "registrar")
    return (await readableAuthorityIds(deps.db, viewer)).includes(n.authorityId) ? n : null;
  return null;
}

export async function noticesOf(deps: AppDeps, viewer: SessionUser): Promise<NoticeView[]> {
  const where =
    viewer.role === "org"
      ? sql`n.org_id = ${viewer.orgId ?? -1}`
      : sql`n.authority_id IN (${sql.join(
          (await readableAuthorityIds(deps.db, viewer)).map((i) => sql`${i}`),
          sql`, `,
        )})`;
  const rows = (await deps.db.all(
    sql`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY n.state = 'accepted', n.deadline, n.id LIMIT 200`,
  )) as Record<string, unknown>[];
  if (viewer.role === "org") return rows.map(parsed);
  const calendar = await loadCalendar(deps.db);
  return rows.map(parsed).map((n) => ({
    ...n,
    deadlineUncalendared:
      n.state === "accepted" ? [] : yearsWithoutCalendar(n.servedOn, n.deadline, calendar),
  }));
}

export interface IssueInput {
  orgId: number;
  source: "inspection" | "zombie" | "standalone";
  sourceId: number | null;
  facts: string;
  items: { text: string; basis: string }[];
  deadlineWorkingDays?: number;
  documentNo: string;
}

/** Issues a 整改通知书 (served today): its deadline in working days on the holiday calendar. */
export async function issueRectificationNotice(
  deps: AppDeps,
  actor: Actor,
  input: IssueInput,
  authorityId: number,
) {
  const today = todayOf(deps);
  const deadline = addWorkingDays(
    today,
    input.deadlineWorkingDays ?? deps.config.domain.rectificationWorkingDays,
    await loadCalendar(deps.db),
  );
  const [row] = await deps.db
    .insert(rectificationNotices)
    .values({
      orgId: input.orgId,
      authorityId,
      source: input.source,
      sourceId: input.sourceId,
      documentNo: input.documentNo,
      facts: input.facts,
      items: input.items,
      servedOn: today,
      deadline,
    })
    .returning({ id: rectificationNotices.id });
  const at = (deps.now?.() ?? new Date()).toISOString();
  await commitWithAudit(
    deps.db,
    actor,
    [
      deps.db.insert(notices).values({
        orgId: input.orgId,
        text: `登记管理机关向您单位送达了整改通知书（${input.documentNo}），请于 ${cnDate(deadline)} 前完成整改并报送整改报告。`,
        href: `/portal/credit/notices/${row!.id}`,
        createdAt: at,
      }),
    ],
    {
      action: "credit.notice.issued",
      objectType: "rectification_notice",
      objectId: row!.id,
      orgId: input.orgId,
      summary: { documentNo: input.documentNo, deadline, items: input.items.length, source: input.source },
    },
  );
  return { id: row!.id, deadline };
}

export async function issueFromRegistrar(
  deps: AppDeps,
  user: SessionUser,
  input: Omit<IssueInput, "orgId" | "source" | "sourceId"> & { uscc: string },
  ip: string | null,
): Promise<Result<{ id: number }>> {
  const own = await ownOrg(deps.db, user, input.uscc);
  if (!own.ok) return own;
  const { org } = own;
  const { uscc: _u, ...rest } = input;
  const r = await issueRectificationNotice(
    deps,
    actorOf(user, ip),
    { ...rest, orgId: org.id, source: "standalone", sourceId: null },
    org.authorityId,
  );
  return { ok: true, id: r.id };
}

type Step = { kind: "report"; answers: string[] } | { kind: "accept" } | { kind: "return"; reason: string };

/** The organization reports, the registrar accepts or returns; each step checks the version it was shown. */
export async function noticeStep(
  deps: AppDeps,
  user: SessionUser,
  id: number,
  version: number,
  step: Step,
  ip: string | null,
): Promise<Result<object>> {
  const n = await noticeFor(deps, user, id);
  if (!n) return { ok: false, code: "not_found", message: "没有这份整改通知书。" };
  if (n.version !== version)
    return { ok: false, code: "stale", message: "这份整改通知书已被他人处理，请刷新页面。" };
  const at = (deps.now?.() ?? new Date()).toISOString();
  const rounds = [...n.rounds];
  let state: NoticeView["state"];
  let acceptedOn: string | null = null;
  if (step.kind === "report") {
    if (user.role !== "org" || n.state !== "open")
      return { ok: false, code: "illegal", message: "现在不能报送整改报告。" };
    if (step.answers.length !== n.items.length)
      return { ok: false, code: "invalid", message: "请逐项填写整改情况。" };
    rounds.push({ reportedAt: at, answers: step.answers });
    state = "reported";
  } else {
    const mayDecide =
      user.role === "registrar" && user.authorityId === n.authorityId && n.state === "reported";
    if (!mayDecide) return { ok: false, code: "illegal", message: "现在不能验收或退回这份整改报告。" };
    if (step.kind === "accept") {
      state = "accepted";
      acceptedOn = todayOf(deps);
    } else {
      rounds[rounds.length - 1] = { ...rounds.at(-1)!, returnedAt: at, reason: step.reason };
      state = "open";
    }
  }
  const text =
    step.kind === "report"
      ? null
      : step.kind === "accept"
        ? `您单位的整改报告（${n.documentNo}）已验收通过。`
        : `您单位的整改报告（${n.documentNo}）被退回：${step.kind === "return" ? step.reason : ""}`;
  const done = await commitVersioned(
    deps.db,
    actorOf(user, ip),
    [
      deps.db.run(sql`UPDATE rectification_notices SET state = ${state}, rounds = ${JSON.stringify(rounds)},
        accepted_on = ${acceptedOn}, version = version + 1 WHERE id = ${id} AND version = ${version}`),
    ],
    text
      ? [
          deps.db
            .insert(notices)
            .values({ orgId: n.orgId, text, href: `/portal/credit/notices/${id}`, createdAt: at }),
        ]
      : [],
    {
      action: `credit.notice.${step.kind}`,
      objectType: "rectification_notice",
      objectId: id,
      orgId: n.orgId,
      summary: { state },
    },
  );
  if (done === "stale")
    return { ok: false, code: "stale", message: "这份整改通知书已被他人处理，请刷新页面。" };
  return { ok: true };
}
