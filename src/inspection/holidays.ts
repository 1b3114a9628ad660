/**
 * The administrator's list of public holidays (法定节假日) and make-up working days (调休上班), from which every
 * working-day deadline is counted (R-C3's 5 working days). The admin page calls these; the service reads the
 * calendar through `loadCalendar`.
 */
import { asc, eq, sql } from "drizzle-orm";
import { holidays } from "../../db/schema/inspection";
import { type Actor as AuditActor, commitWithAudit } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import type { Db } from "../db";
import { createCalendar, isIsoDate, type WorkingDayCalendar } from "../domain/working-days";
import type { Holiday, Result } from "./contract";

export type { Holiday };

/** The calendar built from the whole list (a few dozen rows a year). */
export async function loadCalendar(db: Db): Promise<WorkingDayCalendar> {
  const rows = await db.select({ date: holidays.date, kind: holidays.kind }).from(holidays);
  try {
    return createCalendar({
      holidays: rows.filter((r) => r.kind === "holiday").map((r) => r.date),
      makeupWorkdays: rows.filter((r) => r.kind === "workday").map((r) => r.date),
    });
  } catch {
    // A row that createCalendar refuses cannot come through addHoliday; skip the bad ones rather than fail.
    const ok = (d: string) => isIsoDate(d);
    return createCalendar({
      holidays: rows.filter((r) => r.kind === "holiday" && ok(r.date)).map((r) => r.date),
      makeupWorkdays: [],
    });
  }
}

export async function listHolidays(db: Db, year?: number): Promise<Holiday[]> {
  const q = db.select().from(holidays);
  const rows = await (year === undefined
    ? q.orderBy(asc(holidays.date))
    : q.where(sql`${holidays.date} LIKE ${`${year}-%`}`).orderBy(asc(holidays.date)));
  return rows.map((r) => ({ id: r.id, date: r.date, kind: r.kind, name: r.name }));
}

const auditActor = (u: SessionUser): AuditActor => ({
  userId: u.id,
  username: u.username,
  role: u.role,
  ip: null,
});

const FORBIDDEN = { ok: false as const, code: "forbidden", message: "只有系统管理员可以维护节假日。" };

export async function addHoliday(
  deps: AppDeps,
  user: SessionUser,
  input: { date: string; kind: string; name?: string },
): Promise<Result<{ holiday: Holiday }>> {
  if (user.role !== "admin") return FORBIDDEN;
  const date = input.date.trim();
  const name = (input.name ?? "").trim();
  const fields: Record<string, string> = {};
  if (!isIsoDate(date)) fields.date = "日期格式不正确，应为“年-月-日”，如 2026-10-01";
  if (input.kind !== "holiday" && input.kind !== "workday") fields.kind = "请选择“节假日”或“调休上班日”";
  if (name.length > 50) fields.name = "名称不能超过50个字";
  if (Object.keys(fields).length === 0) {
    try {
      createCalendar(input.kind === "holiday" ? { holidays: [date] } : { makeupWorkdays: [date] });
    } catch (e) {
      fields.date = e instanceof RangeError ? e.message : "日期不正确";
    }
  }
  if (Object.keys(fields).length === 0) {
    const existing = await deps.db.select().from(holidays).where(eq(holidays.date, date));
    if (existing[0])
      fields.date = `${date} 已在列表中（${existing[0].kind === "holiday" ? "节假日" : "调休上班日"}）`;
  }
  if (Object.keys(fields).length > 0) {
    return { ok: false, code: "invalid", message: "请改正标出的内容。", fields };
  }
  const kind = input.kind as Holiday["kind"];
  try {
    await commitWithAudit(
      deps.db,
      auditActor(user),
      [deps.db.insert(holidays).values({ date, kind, name })],
      { action: "holiday.add", objectType: "holiday", objectId: date, summary: { date, kind, name } },
    );
  } catch {
    return {
      ok: false,
      code: "invalid",
      message: "请改正标出的内容。",
      fields: { date: `${date} 已在列表中` },
    };
  }
  const [row] = await deps.db.select().from(holidays).where(eq(holidays.date, date));
  return { ok: true, holiday: { id: row!.id, date: row!.date, kind: row!.kind, name: row!.name } };
}

export async function removeHoliday(
  deps: AppDeps,
  user: SessionUser,
  id: number,
): Promise<Result<Record<never, never>>> {
  if (user.role !== "admin") return FORBIDDEN;
  const [row] = await deps.db.select().from(holidays).where(eq(holidays.id, id));
  if (!row) return { ok: false, code: "not_found", message: "没有这个日期。" };
  await commitWithAudit(deps.db, auditActor(user), [deps.db.delete(holidays).where(eq(holidays.id, id))], {
    action: "holiday.remove",
    objectType: "holiday",
    objectId: row.date,
    summary: { date: row.date, kind: row.kind, name: row.name },
  });
  return { ok: true };
}
