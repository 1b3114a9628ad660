import { describe, expect, it } from "vitest";
import {
  addMonths,
  automaticRemovalOn,
  CREDIT_GROUNDS,
  creditMachine,
  entryDeadline,
  escalationOn,
  groundsFromPenalties,
  groundsOf,
  objectionDeadline,
  publicationPeriodOf,
  seriousRemovalEligibleOn,
  unreachableBy,
} from "../../src/domain/credit";
import { decide } from "../../src/domain/workflow";
import { createCalendar } from "../../src/domain/working-days";

const subject = { orgId: 1, authorityId: 7, supervisorUnitId: null, supervisionMode: "direct" as const };
const registrar = { role: "registrar" as const, authorityId: 7 };
// 2026: 国庆 10/1–10/7 with 9/20 and 10/10 as make-up working days.
const calendar = createCalendar({
  holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
  makeupWorkdays: ["2026-09-20", "2026-10-10"],
});

describe("credit grounds (R-D1, R-D4)", () => {
  it("R-D1 has seven 活动异常名录 grounds and R-D4 eight 严重违法失信名单 grounds, each with its rule", () => {
    expect(groundsOf("abnormal")).toHaveLength(7);
    expect(groundsOf("serious")).toHaveLength(8);
    expect(CREDIT_GROUNDS.d1_3.rule).toBe("R-D1(3)");
    expect(CREDIT_GROUNDS.d4_7.label).toContain("吊销");
  });

  it("R-D9: publication periods are kept apart from the list: a 警告 is minor, other 异常 general, 严重 serious", () => {
    expect(publicationPeriodOf("d1_5")).toBe("minor");
    expect(publicationPeriodOf("d1_1")).toBe("general");
    expect(publicationPeriodOf("d4_7")).toBe("serious");
  });
});

describe("credit dates", () => {
  it("month arithmetic falls on the month's last day when the day does not exist", () => {
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2026-01-15", 24)).toBe("2028-01-15");
  });

  it("R-D3: an entry with nothing to cure leaves by itself six months after listing", () => {
    expect(automaticRemovalOn("2026-03-31")).toBe("2026-09-30");
  });

  it("R-D4(1) with R-D5: two full years on 异常 from the latest listing; a new listing restarts the clock", () => {
    expect(escalationOn(["2024-05-10"])).toBe("2026-05-10");
    expect(escalationOn(["2024-05-10", "2025-01-20"])).toBe("2027-01-20");
    expect(escalationOn([])).toBeNull();
  });

  it("R-D6: removal from 严重 may be applied for two full years after the latest listing", () => {
    expect(seriousRemovalEligibleOn(["2025-02-28"])).toBe("2027-02-28");
  });

  it("R-D10: five working days to enter credit information, across 国庆 and its make-up days", () => {
    // Tue 9/29 + 5 working days: 9/30, (10/1–10/7 off; 10/3–10/4 weekend), 10/8, 10/9, 10/10 (make-up Sat), 10/12.
    expect(entryDeadline("2026-09-29", calendar)).toBe("2026-10-12");
  });

  it("R-D7: the objection window is counted in working days from service", () => {
    expect(objectionDeadline("2026-06-01", calendar, 10)).toBe("2026-06-15");
    expect(objectionDeadline("2026-06-01", calendar, 5)).toBe("2026-06-08");
  });
});

describe("R-D2: unreachable at the registered 住所", () => {
  const interval = { min: 20, max: 60 };
  it("takes two unsigned letters, the second 20 to 60 days after the first", () => {
    const pair = unreachableBy(
      [
        { sentOn: "2026-01-05", outcome: "unsigned" },
        { sentOn: "2026-01-25", outcome: "unsigned" },
      ],
      interval,
    );
    expect(pair?.map((l) => l.sentOn)).toEqual(["2026-01-05", "2026-01-25"]);
  });

  it("does not count letters 19 or 61 days apart, or a signed one", () => {
    expect(
      unreachableBy(
        [
          { sentOn: "2026-01-05", outcome: "unsigned" },
          { sentOn: "2026-01-24", outcome: "unsigned" },
        ],
        interval,
      ),
    ).toBeNull();
    expect(
      unreachableBy(
        [
          { sentOn: "2026-01-05", outcome: "unsigned" },
          { sentOn: "2026-03-07", outcome: "unsigned" },
        ],
        interval,
      ),
    ).toBeNull();
    expect(
      unreachableBy(
        [
          { sentOn: "2026-01-05", outcome: "unsigned" },
          { sentOn: "2026-01-30", outcome: "signed" },
        ],
        interval,
      ),
    ).toBeNull();
  });

  it("the interval is a setting: with 15–30 days a 16-day pair counts", () => {
    const letters = [
      { sentOn: "2026-01-05", outcome: "unsigned" as const },
      { sentOn: "2026-01-21", outcome: "unsigned" as const },
    ];
    expect(unreachableBy(letters, interval)).toBeNull();
    expect(unreachableBy(letters, { min: 15, max: 30 })).not.toBeNull();
  });
});

describe("the credit machine (R-D7 due process)", () => {
  const ctx = (flags: Record<string, boolean>, reason?: string) => ({
    subject,
    today: "2026-06-01",
    flags,
    input: { reason },
  });

  it("R-D7: nobody is listed without notice, except an organization whose registration was revoked (R-D4(7))", () => {
    expect(decide(creditMachine, "candidate", "decide_list", registrar, ctx({}, "x"))).toMatchObject({
      ok: false,
      code: "illegal_transition",
    });
    expect(
      decide(creditMachine, "candidate", "list_directly", registrar, ctx({ listableWithoutNotice: false })),
    ).toMatchObject({ ok: false, code: "notice_required" });
    expect(
      decide(creditMachine, "candidate", "list_directly", registrar, ctx({ listableWithoutNotice: true })),
    ).toMatchObject({ ok: true, to: "listed" });
  });

  it("R-D7: a decision waits for the objection window unless the organization has objected", () => {
    expect(
      decide(creditMachine, "notified", "decide_list", registrar, ctx({ mayDecide: false }, "理由")),
    ).toMatchObject({ ok: false, code: "objection_window_open" });
    expect(
      decide(creditMachine, "notified", "decide_list", registrar, ctx({ mayDecide: true }, "理由")),
    ).toMatchObject({ ok: true, to: "listed" });
  });

  it("R-D7: only the organization objects, only within its window", () => {
    const org = { role: "org" as const, orgId: 1 };
    expect(
      decide(creditMachine, "notified", "object", registrar, ctx({ objectionWindowOpen: true })),
    ).toMatchObject({ ok: false, code: "forbidden_role" });
    expect(
      decide(creditMachine, "notified", "object", org, ctx({ objectionWindowOpen: false })),
    ).toMatchObject({ ok: false, code: "objection_closed" });
    expect(
      decide(creditMachine, "notified", "object", org, ctx({ objectionWindowOpen: true })),
    ).toMatchObject({ ok: true, to: "objected" });
  });

  it("a registrar of another authority acts on nothing, and nothing leaves a removed entry", () => {
    expect(
      decide(creditMachine, "candidate", "serve_notice", { role: "registrar", authorityId: 8 }, ctx({})),
    ).toMatchObject({ ok: false, code: "out_of_scope" });
    expect(
      decide(creditMachine, "removed", "decide_list", registrar, ctx({ mayDecide: true }, "x")),
    ).toMatchObject({ ok: false, code: "terminal" });
  });
});

describe("penalties → grounds (R-D1(5), R-D4(3)–(5))", () => {
  const p = (
    id: number,
    kind: "warning" | "fine" | "confiscation" | "suspension",
    decidedOn: string,
    amountFen: number | null = null,
  ) => ({ id, kind, amountFen, decidedOn });
  const grounds = (list: ReturnType<typeof p>[]) =>
    groundsFromPenalties(list).map((g) => `${g.ground}:${g.penalties.join(",")}`);

  it("a 警告 or a fine under ¥50,000 is an 异常 ground; ¥50,000 or more, or 限期停止活动, is 严重", () => {
    expect(grounds([p(1, "warning", "2026-01-10")])).toEqual(["d1_5:1"]);
    expect(grounds([p(2, "fine", "2026-01-10", 4_999_999)])).toEqual(["d1_5:2"]);
    expect(grounds([p(3, "fine", "2026-01-10", 5_000_000)])).toEqual(["d4_4:3"]);
    expect(grounds([p(4, "suspension", "2026-01-10")])).toEqual(["d4_3:4"]);
  });

  it("R-D4(5): two 警告 or small fines within three years are 严重; three years and a day apart they are not", () => {
    expect(grounds([p(1, "warning", "2023-06-01"), p(2, "fine", "2026-05-31", 100_000)])).toEqual([
      "d1_5:1",
      "d1_5:2",
      "d4_5:1,2",
    ]);
    expect(grounds([p(1, "warning", "2023-05-31"), p(2, "warning", "2026-05-31")])).toEqual([
      "d1_5:1",
      "d1_5:2",
    ]);
  });
});
