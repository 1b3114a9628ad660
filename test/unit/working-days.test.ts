import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addWorkingDays,
  calendarDaysBetween,
  chinaDateOf,
  correctionDeadline,
  countWorkingDays,
  createCalendar,
  DEFAULT_CORRECTION_WORKING_DAYS,
  daysRemaining,
  fromDayNumber,
  isIsoDate,
  isOverdue,
  isWorkingDay,
  toDayNumber,
  weekday,
  workingDaysRemaining,
} from "../../src/domain/working-days";

/** 2025 国庆·中秋: 10/1–10/8 off, make-up working days Sunday 9/28 and Saturday 10/11. */
const national2025 = createCalendar({
  holidays: [
    "2025-10-01",
    "2025-10-02",
    "2025-10-03",
    "2025-10-04",
    "2025-10-05",
    "2025-10-06",
    "2025-10-07",
    "2025-10-08",
  ],
  makeupWorkdays: ["2025-09-28", "2025-10-11"],
});

describe("dates as YYYY-MM-DD", () => {
  it("accepts real dates only, including 29 February of leap years", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-12-31")).toBe(true);
    for (const bad of [
      "2025-02-29",
      "2025-04-31",
      "2025-13-01",
      "2025-00-10",
      "2025-1-5",
      "20250105",
      "2025-01-05T00:00",
      "",
    ]) {
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(() => toDayNumber("2025-02-30")).toThrow(RangeError);
  });

  it("does day arithmetic in UTC: whole days, round-trips, across month, year and leap-day ends", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(fromDayNumber(toDayNumber("2024-02-28") + 1)).toBe("2024-02-29");
    expect(addCalendarDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addCalendarDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(calendarDaysBetween("2025-01-01", "2026-01-01")).toBe(365);
    for (let d = toDayNumber("2025-01-01"); d < toDayNumber("2026-01-01"); d++) {
      expect(toDayNumber(fromDayNumber(d))).toBe(d);
    }
  });

  it("knows the weekday (2025-01-01 was a Wednesday, 2026-03-08 a Sunday)", () => {
    expect(weekday("2025-01-01")).toBe(3);
    expect(weekday("2026-03-08")).toBe(0);
    expect(weekday("1969-12-31")).toBe(3);
  });

  it("takes today's date in China (UTC+8), not the server's timezone", () => {
    expect(chinaDateOf(new Date("2026-03-31T15:59:59Z"))).toBe("2026-03-31");
    expect(chinaDateOf(new Date("2026-03-31T16:00:00Z"))).toBe("2026-04-01");
  });
});

describe("working days", () => {
  it("skips Saturdays and Sundays", () => {
    expect(isWorkingDay("2026-03-06")).toBe(true); // Friday
    expect(isWorkingDay("2026-03-07")).toBe(false);
    expect(isWorkingDay("2026-03-08")).toBe(false);
    expect(addWorkingDays("2026-03-06", 1)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-07", 1)).toBe("2026-03-09"); // from a Saturday
    expect(addWorkingDays("2026-03-02", 5)).toBe("2026-03-09");
  });

  it("does not count the start day, and adding 0 returns the same day", () => {
    expect(addWorkingDays("2026-03-04", 0)).toBe("2026-03-04");
    expect(addWorkingDays("2026-03-04", 1)).toBe("2026-03-05");
  });

  it("skips listed public holidays and honours make-up working days on weekends (调休上班)", () => {
    expect(isWorkingDay("2025-10-01", national2025)).toBe(false);
    expect(isWorkingDay("2025-09-28", national2025)).toBe(true); // Sunday, make-up
    expect(isWorkingDay("2025-10-11", national2025)).toBe(true); // Saturday, make-up
    expect(addWorkingDays("2025-09-26", 1, national2025)).toBe("2025-09-28");
    expect(addWorkingDays("2025-09-30", 1, national2025)).toBe("2025-10-09");
    expect(addWorkingDays("2025-09-30", 3, national2025)).toBe("2025-10-11");
    expect(addWorkingDays("2025-09-30", 4, national2025)).toBe("2025-10-13");
  });

  it("crosses the year end", () => {
    const newYear = createCalendar({
      holidays: ["2026-01-01", "2026-01-02"],
      makeupWorkdays: ["2026-01-04"],
    });
    expect(addWorkingDays("2025-12-31", 1, newYear)).toBe("2026-01-04");
  });

  it("refuses a negative or fractional number of working days", () => {
    expect(() => addWorkingDays("2026-03-02", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-02", 1.5)).toThrow(RangeError);
  });

  it("counts working days in (from, to], the inverse of addWorkingDays", () => {
    expect(countWorkingDays("2026-03-06", "2026-03-06")).toBe(0);
    expect(countWorkingDays("2026-03-06", "2026-03-09")).toBe(1);
    expect(countWorkingDays("2026-03-09", "2026-03-06")).toBe(-1);
    expect(countWorkingDays("2025-09-26", "2025-10-12", national2025)).toBe(6);
    for (const start of ["2025-09-20", "2025-09-26", "2025-09-30", "2025-10-05"]) {
      for (let n = 0; n <= 12; n++) {
        expect(countWorkingDays(start, addWorkingDays(start, n, national2025), national2025)).toBe(n);
      }
    }
  });

  it("builds a calendar only from valid lists, in Chinese when refused", () => {
    expect(() => createCalendar({ holidays: ["2025-10-32"] })).toThrow("节假日日期不正确");
    expect(() => createCalendar({ makeupWorkdays: ["2025-9-28"] })).toThrow("调休上班日期不正确");
    expect(() => createCalendar({ holidays: ["2025-09-28"], makeupWorkdays: ["2025-09-28"] })).toThrow(
      "不能同时",
    );
    expect(() => createCalendar({ makeupWorkdays: ["2025-09-29"] })).toThrow("是工作日");
  });
});

describe("deadlines and days remaining", () => {
  it("R-C3: the default correction deadline is 5 working days", () => {
    expect(DEFAULT_CORRECTION_WORKING_DAYS).toBe(5);
    expect(correctionDeadline("2026-03-06")).toBe("2026-03-13");
    expect(correctionDeadline("2025-09-26", national2025)).toBe("2025-10-10");
    expect(correctionDeadline("2026-03-06", undefined, 3)).toBe("2026-03-11");
  });

  it("counts calendar days remaining: 0 on the deadline, negative after", () => {
    expect(daysRemaining("2026-03-01", "2026-03-31")).toBe(30);
    expect(daysRemaining("2026-03-31", "2026-03-31")).toBe(0);
    expect(daysRemaining("2026-04-02", "2026-03-31")).toBe(-2);
  });

  it("counts working days remaining, today excluded and the deadline included", () => {
    expect(workingDaysRemaining("2026-03-06", "2026-03-13")).toBe(5);
    expect(workingDaysRemaining("2025-09-30", "2025-10-10", national2025)).toBe(2);
  });

  it("a deadline is met on the day itself and overdue from the next day", () => {
    expect(isOverdue("2026-03-13", "2026-03-13")).toBe(false);
    expect(isOverdue("2026-03-14", "2026-03-13")).toBe(true);
    expect(isOverdue("2026-03-12", "2026-03-13")).toBe(false);
  });
});
