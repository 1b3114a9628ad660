/**
 * The national public holidays (法定节假日) and make-up working days (调休上班) as the State Council announced them
 * (国务院办公厅关于2025年 / 2026年部分节假日安排的通知), for the demo city's working-day calendar. A deployment enters
 * them on /registrar/holidays (or its administrator does) when each year's notice comes out; the demo seeds the years
 * it shows so its deadlines count as a bureau's would.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/db";
import { addCalendarDays } from "../../src/domain/working-days";
import { holidays } from "../schema/inspection";

interface Announced {
  name: string;
  /** First and last day off, inclusive. */
  from: string;
  to: string;
  /** Weekend days worked instead (调休上班). */
  workdays?: string[];
}

export const ANNOUNCED_HOLIDAYS: Record<number, Announced[]> = {
  2025: [
    { name: "元旦", from: "2025-01-01", to: "2025-01-01" },
    { name: "春节", from: "2025-01-28", to: "2025-02-04", workdays: ["2025-01-26", "2025-02-08"] },
    { name: "清明节", from: "2025-04-04", to: "2025-04-06" },
    { name: "劳动节", from: "2025-05-01", to: "2025-05-05", workdays: ["2025-04-27"] },
    { name: "端午节", from: "2025-05-31", to: "2025-06-02" },
    { name: "国庆节、中秋节", from: "2025-10-01", to: "2025-10-08", workdays: ["2025-09-28", "2025-10-11"] },
  ],
  2026: [
    { name: "元旦", from: "2026-01-01", to: "2026-01-03", workdays: ["2026-01-04"] },
    { name: "春节", from: "2026-02-15", to: "2026-02-23", workdays: ["2026-02-14", "2026-02-28"] },
    { name: "清明节", from: "2026-04-04", to: "2026-04-06" },
    { name: "劳动节", from: "2026-05-01", to: "2026-05-05", workdays: ["2026-05-09"] },
    { name: "端午节", from: "2026-06-19", to: "2026-06-21" },
    { name: "中秋节", from: "2026-09-25", to: "2026-09-27" },
    { name: "国庆节", from: "2026-10-01", to: "2026-10-07", workdays: ["2026-09-20", "2026-10-10"] },
  ],
};

/** Every announced day as a row of the holidays table: the days off, then the make-up working days. */
export function announcedDays(): { date: string; kind: "holiday" | "workday"; name: string }[] {
  const rows: { date: string; kind: "holiday" | "workday"; name: string }[] = [];
  for (const list of Object.values(ANNOUNCED_HOLIDAYS)) {
    for (const h of list) {
      for (let d = h.from; d <= h.to; d = addCalendarDays(d, 1))
        rows.push({ date: d, kind: "holiday", name: h.name });
      for (const d of h.workdays ?? []) rows.push({ date: d, kind: "workday", name: `${h.name}调休上班` });
    }
  }
  return rows;
}

/** Seeds the announced years once (a day already listed is left as the administrator set it). */
export async function seedAnnouncedHolidays(db: Db): Promise<number> {
  const rows = announcedDays();
  await db.insert(holidays).values(rows).onConflictDoNothing();
  const [n] = (await db.all(sql`SELECT count(*) AS n FROM holidays`)) as { n: number }[];
  return Number(n?.n ?? 0);
}
