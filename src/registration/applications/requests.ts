import { eq, sql } from "drizzle-orm";
import { authorities } from "../../../db/schema";
import type { Db } from "../../db";
import type { ApplicationKind, RuleProblem } from "../../domain/registration";
import { parseApplicationForm } from "../forms";
import { act, applicationProblems, startEstablishment } from "./lifecycle";
import type { ApplicationRow, Viewer } from "./shared";

/** The use cases behind the application routes that do more than one call: live checks, online 成立, decisions. */

/** The checks panel for a form not yet saved: format errors first, else every rule problem of the unsaved data. */
export async function previewProblems(
  db: Db,
  app: ApplicationRow,
  raw: Record<string, string | string[]>,
  today: string,
): Promise<RuleProblem[]> {
  const parsed = parseApplicationForm(app.kind as ApplicationKind, raw);
  if (!parsed.ok) {
    return Object.entries(parsed.errors).map(([field, message]) => ({
      field,
      message,
      rule: "格式",
      level: "block" as const,
    }));
  }
  return applicationProblems(db, { ...app, data: parsed.data as Record<string, unknown> }, today);
}

const APPLICATIONS_PER_IP_PER_DAY = 10;

/** 成立 applications started from `ip` in the last 24 hours (read from the audit log, which records every start). */
async function applicationsStartedFrom(db: Db, ip: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const [row] = (await db.all(
    sql`SELECT count(*) AS n FROM audit_events WHERE action = 'registration.start' AND ip = ${ip} AND at >= ${since}`,
  )) as { n: number }[];
  return Number(row?.n ?? 0);
}

/**
 * A 成立 application started online: anyone may start one without an account, at an authority that exists; one
 * address may start at most a few a day.
 */
export async function startOnline(
  db: Db,
  input: { authorityId: number; applicantName: string; applicantPhone: string | null },
  ip: string | null,
  now: Date,
): Promise<{ ok: true; token: string } | { ok: false; status: 422 | 429; fields: Record<string, string> }> {
  const [a] = await db
    .select({ id: authorities.id })
    .from(authorities)
    .where(eq(authorities.id, input.authorityId));
  if (!a) return { ok: false, status: 422, fields: { authorityId: "请选择列表中的登记管理机关。" } };
  if (ip && (await applicationsStartedFrom(db, ip, now)) >= APPLICATIONS_PER_IP_PER_DAY) {
    return {
      ok: false,
      status: 429,
      fields: { authorityId: "今天从您的网络发起的申请已经很多，请明天再试，或到登记管理机关窗口办理。" },
    };
  }
  const started = await startEstablishment(db, input, ip);
  return { ok: true, token: started.token };
}

export interface DecisionInput {
  version: number;
  reason?: string;
  refuseReason?: string;
  deadline?: string;
  documentNo?: string;
}

/**
 * The registrar's decision on a submitted application: 退回补正, 准予 or 不予登记. A refusal's reason is asked for in
 * its own field, so its message goes back there.
 */
export async function decide(
  db: Db,
  viewer: Viewer,
  app: ApplicationRow,
  action: "return" | "approve" | "refuse",
  d: DecisionInput,
  now: Date,
  ip: string | null,
  seriousPersonBlocks: boolean,
): Promise<{ ok: true } | { ok: false; status: 409 | 422; errors: Record<string, string> }> {
  const result = await act(
    db,
    viewer,
    app,
    action,
    d.version,
    {
      reason: action === "refuse" ? d.refuseReason : d.reason,
      deadline: d.deadline || undefined,
      documentNo: d.documentNo,
    },
    now,
    ip,
    { seriousPersonBlocks },
  );
  if (result.ok) return { ok: true };
  const fields = { ...(result.fields ?? {}) };
  if (action === "refuse" && fields.reason) {
    fields.refuseReason = fields.reason;
    delete fields.reason;
  }
  return {
    ok: false,
    status: result.code === "stale" ? 409 : 422,
    errors: Object.keys(fields).length ? fields : { form: result.message },
  };
}
