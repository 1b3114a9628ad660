/**
 * Calendar dates and working days (工作日).
 *
 * Dates are 'YYYY-MM-DD' strings and all arithmetic is on whole UTC days, so the host's timezone never shifts a
 * date. A working day is Monday–Friday unless it is a listed public holiday (法定节假日), plus any listed make-up
 * working day (调休上班) even when it falls on a Saturday or Sunday. The lists are maintained by an administrator
 * per year and passed in; nothing here knows any year's holidays.
 *
 * Counting convention (the usual administrative one: 期间开始的日不计算在内): "N working days after D" is the N-th
 * working day strictly after D; the day D itself is never counted.
 */

/** R-C3: the default deadline for a correction (退回补正), in working days. */
export const DEFAULT_CORRECTION_WORKING_DAYS = 5;

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A maintained list of holidays and make-up working days. Build it with `createCalendar`. */
export interface WorkingDayCalendar {
  readonly holidays: ReadonlySet<string>;
  readonly makeupWorkdays: ReadonlySet<string>;
}

/** A calendar with no holidays: Monday–Friday are working days. */
export const WEEKDAYS_ONLY: WorkingDayCalendar = { holidays: new Set(), makeupWorkdays: new Set() };

/** Whether the text is a real calendar date written 'YYYY-MM-DD' (rejects 2025-02-30, 2025-2-3, …). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date. Throws RangeError on anything else. */
export function toDayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The 'YYYY-MM-DD' date of a day number (see `toDayNumber`). */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date in China (UTC+8, no daylight saving) of an instant: what "today" means to a bureau. */
export function chinaDateOf(instant: Date): string {
  const day = Math.floor((instant.getTime() + 8 * 3_600_000) / DAY_MS);
  // Asked on every public request: the last day's text is kept (a Date and an ISO string each time otherwise).
  if (day !== lastChinaDay) {
    lastChinaDay = day;
    lastChinaDate = fromDayNumber(day);
  }
  return lastChinaDate;
}
let lastChinaDay = Number.NaN;
let lastChinaDate = "";

export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to`: positive when `to` is later, 0 on the same day. */
export function calendarDaysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/**
 * Builds a calendar from the administrator's lists. Every entry must be a real date, and no date may be both a
 * holiday and a make-up working day. A make-up working day on a weekday is pointless and refused, so typos show.
 */
export function createCalendar(lists: {
  holidays?: readonly string[];
  makeupWorkdays?: readonly string[];
}): WorkingDayCalendar {
  const holidays = new Set<string>();
  const makeupWorkdays = new Set<string>();
  for (const d of lists.holidays ?? []) {
    if (!isIsoDate(d)) throw new RangeError(`节假日日期不正确：${d}（应为 YYYY-MM-DD）`);
    holidays.add(d);
  }
  for (const d of lists.makeupWorkdays ?? []) {
    if (!isIsoDate(d)) throw new RangeError(`调休上班日期不正确：${d}（应为 YYYY-MM-DD）`);
    if (holidays.has(d)) throw new RangeError(`${d} 不能同时是节假日和调休上班日`);
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6) throw new RangeError(`${d} 是工作日，不需要列为调休上班日`);
    makeupWorkdays.add(d);
  }
  return { holidays, makeupWorkdays };
}

export function isWorkingDay(date: string, calendar: WorkingDayCalendar = WEEKDAYS_ONLY): boolean {
  if (calendar.makeupWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6;
}

/**
 * The N-th working day after `date` (the start day is not counted). N = 0 returns `date` itself.
 * Throws RangeError for a negative or fractional N.
 */
export function addWorkingDays(
  date: string,
  n: number,
  calendar: WorkingDayCalendar = WEEKDAYS_ONLY,
): string {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
  let day = toDayNumber(date);
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDay(fromDayNumber(day), calendar)) left -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days in the interval (from, to]: `from` excluded, `to` included, so that
 * `countWorkingDays(d, addWorkingDays(d, n)) === n`. Negative when `to` is before `from`.
 */
export function countWorkingDays(
  from: string,
  to: string,
  calendar: WorkingDayCalendar = WEEKDAYS_ONLY,
): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b < a) return -countWorkingDays(to, from, calendar);
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkingDay(fromDayNumber(day), calendar)) count++;
  return count;
}

/**
 * Calendar days left until a deadline, counted from `today`: 0 on the deadline day itself (still on time),
 * negative once it has passed.
 */
export function daysRemaining(today: string, deadline: string): number {
  return calendarDaysBetween(today, deadline);
}

/** Working days left until a deadline, `today` excluded and the deadline included; negative when overdue. */
export function workingDaysRemaining(
  today: string,
  deadline: string,
  calendar: WorkingDayCalendar = WEEKDAYS_ONLY,
): number {
  return countWorkingDays(today, deadline, calendar);
}

/** A deadline is met on the day itself; it is overdue from the next day on. */
export function isOverdue(today: string, deadline: string): boolean {
  return toDayNumber(today) > toDayNumber(deadline);
}

/** R-C3: the default deadline for a correction returned on `returnedOn` (5 working days unless configured). */
export function correctionDeadline(
  returnedOn: string,
  calendar: WorkingDayCalendar = WEEKDAYS_ONLY,
  workingDays: number = DEFAULT_CORRECTION_WORKING_DAYS,
): string {
  return addWorkingDays(returnedOn, workingDays, calendar);
}

/** The warning a staff page shows next to a deadline counted without the year's holiday calendar. */
export const MISSING_CALENDAR_WARNING = "该年度节假日安排尚未录入，期限按周末计算";

/**
 * The years between `from` and `to` (both included) for which the calendar lists no holiday and no make-up working
 * day: a deadline counted across them used weekends only. Every announced year has holidays (元旦 at least), so an
 * empty year means its arrangement has not been entered yet; nothing here guesses it.
 */
export function yearsWithoutCalendar(from: string, to: string, calendar: WorkingDayCalendar): number[] {
  const a = Number(from.slice(0, 4));
  const b = Number(to.slice(0, 4));
  const known = new Set<number>();
  for (const d of calendar.holidays) known.add(Number(d.slice(0, 4)));
  for (const d of calendar.makeupWorkdays) known.add(Number(d.slice(0, 4)));
  const out: number[] = [];
  for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!known.has(y)) out.push(y);
  return out;
}
