/**
 * The register as at a past date (历史视图): which date a reader may ask for, and how an organization's entry read on
 * that day, rebuilt from what the register keeps (its change history, its status date, credit entries' 列入/移出 dates
 * and the 公告 dates of conclusions). Pure: no I/O.
 */
import { cnDate } from "./dates";

export type AsOfParse =
  | { kind: "today" }
  | { kind: "past"; date: string }
  | { kind: "invalid"; message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * `?as_of=`: absent, empty or today → the live register; a real day from the register's first entry up to yesterday →
 * the past view; anything else → a Chinese message (the page answers 400, never 500).
 */
export function parseAsOf(raw: string | undefined, today: string, began: string | null): AsOfParse {
  if (raw === undefined || raw.trim() === "") return { kind: "today" };
  const s = raw.trim();
  if (s.length > 10 || !isCalendarDay(s))
    return { kind: "invalid", message: "查询日期格式有误，请按“2025-12-31”的格式填写。" };
  if (s > today) return { kind: "invalid", message: `查询日期不能晚于今天（${cnDate(today)}）。` };
  if (s === today) return { kind: "today" };
  if (began && s < began)
    return { kind: "invalid", message: `查询日期不能早于登记簿的起始日期（${cnDate(began)}）。` };
  return { kind: "past", date: s };
}

/** The instant a China calendar day ends, as the register's UTC timestamps are written (changes after it are later). */
export function endOfChinaDay(date: string): string {
  return `${date}T16:00:00.000Z`;
}

export interface HistoryChange {
  /** UTC timestamp the change was recorded. */
  at: string;
  before: Record<string, unknown> | null;
}

/**
 * A field as it read at the end of `date`: the `before` of the first change to it recorded after that day, else the
 * current value (no later change means it has not changed since).
 */
export function fieldAsOf<T>(current: T, key: string, changes: HistoryChange[], date: string): T {
  const end = endOfChinaDay(date);
  const first = changes
    .filter((c) => c.at > end && c.before !== null && Object.hasOwn(c.before, key))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))[0];
  return first ? (first.before![key] as T) : current;
}

/**
 * Terminal statuses (注销, 撤销, 吊销) are final, so the status on a day follows from the status date alone: an
 * organization terminated on or before the day reads terminated; one terminated later still read 正常; one registered
 * after the day did not exist (null).
 */
export function statusAsOf<S extends string>(
  org: { status: S | "active"; statusOn: string; registeredOn: string },
  date: string,
): S | "active" | null {
  if (org.registeredOn > date) return null;
  if (org.status !== "active" && org.statusOn <= date) return org.status;
  return "active";
}

/** A credit entry was on its list that day when listed on or before it and not yet removed by it. */
export function onListAsOf(
  entry: { listedOn: string | null; removedOn: string | null },
  date: string,
): boolean {
  return (
    entry.listedOn !== null && entry.listedOn <= date && (entry.removedOn === null || entry.removedOn > date)
  );
}

/** R-C4: a conclusion is public once its 公告 is out; as at a day, once the 公告 came out on or before it. */
export function conclusionKnownAsOf(publishedOn: string | null, date: string): boolean {
  return publishedOn !== null && publishedOn <= date;
}

/** The banner over a past view. */
export function pastViewBanner(date: string): string {
  return `以下为${cnDate(date)}的登记状态（历史视图），不是当前状态。`;
}

export type RangeParse =
  | { kind: "none" }
  | { kind: "range"; from: string; to: string }
  | { kind: "invalid"; field: "from" | "to"; message: string };

/**
 * A date range of the statistics (`?from=&to=`, 起止日期): both real days, the start not after the end, the end not
 * after today. Either left empty: no range (the other alone is refused, naming the one missing).
 */
export function parseDateRange(from: string | undefined, to: string | undefined, today: string): RangeParse {
  const f = from?.trim() ?? "";
  const t = to?.trim() ?? "";
  if (f === "" && t === "") return { kind: "none" };
  const format = "请按“2025-01-01”的格式填写。";
  if (f === "") return { kind: "invalid", field: "from", message: "请填写起始日期。" };
  if (f.length > 10 || !isCalendarDay(f))
    return { kind: "invalid", field: "from", message: `起始日期${format}` };
  if (t === "") return { kind: "invalid", field: "to", message: "请填写截止日期。" };
  if (t.length > 10 || !isCalendarDay(t))
    return { kind: "invalid", field: "to", message: `截止日期${format}` };
  if (t > today)
    return { kind: "invalid", field: "to", message: `截止日期不能晚于今天（${cnDate(today)}）。` };
  if (f > t) return { kind: "invalid", field: "from", message: "起始日期不能晚于截止日期。" };
  return { kind: "range", from: f, to: t };
}
