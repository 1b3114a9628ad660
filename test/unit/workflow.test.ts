import { describe, expect, it } from "vitest";
import {
  INSPECTION_ACTIONS,
  INSPECTION_STATES,
  type InspectionAction,
  type InspectionState,
  annualInspectionMachine as M,
} from "../../src/domain/inspection-workflow";
import {
  type Actor,
  actionsFor,
  type DecideContext,
  type Decision,
  decide,
  type FilingSubject,
  inScope,
  type Machine,
  type Problem,
  registrarSubject,
  validateMachine,
} from "../../src/domain/workflow";
import { createCalendar } from "../../src/domain/working-days";

const CJK = /[\u4e00-\u9fff]/;

const supervised: FilingSubject = {
  orgId: 7,
  authorityId: 1,
  supervisorUnitId: 30,
  supervisionMode: "supervised",
};
const direct: FilingSubject = { orgId: 8, authorityId: 1, supervisorUnitId: null, supervisionMode: "direct" };
const decoupled: FilingSubject = {
  orgId: 9,
  authorityId: 1,
  supervisorUnitId: null,
  supervisionMode: "decoupled",
};

const orgOf = (s: FilingSubject): Actor => ({ role: "org", orgId: s.orgId });
const registrar: Actor = { role: "registrar", authorityId: 1 };
const supervisor: Actor = { role: "supervisor", supervisorUnitId: 30 };
const system: Actor = { role: "system" };

const TODAY = "2026-03-06"; // a Friday

function ctx(subject: FilingSubject, extra: Partial<DecideContext> = {}): DecideContext {
  return {
    subject,
    today: TODAY,
    flags: { windowOpen: true, windowClosed: false, hasBlockingChecks: false },
    ...extra,
  };
}

function ok(d: Decision<InspectionState, InspectionAction>) {
  if (!d.ok) throw new Error(`expected ok, got ${d.code}: ${d.message}`);
  return d;
}

function refused(d: Decision<InspectionState, InspectionAction>) {
  if (d.ok) throw new Error(`expected a refusal, got ${d.from} → ${d.to}`);
  return d;
}

/** Walks a filing through a list of steps, returning the final state. */
function walk(
  subject: FilingSubject,
  steps: [InspectionAction, Actor, Partial<DecideContext>?][],
  from: InspectionState = "draft",
) {
  let state = from;
  const trail: InspectionState[] = [state];
  for (const [action, actor, extra] of steps) {
    state = ok(decide(M, state, action, actor, ctx(subject, extra))).to;
    trail.push(state);
  }
  return trail;
}

const RETURN = { input: { reason: "财务报表不平衡，请核对。" } };

describe("annual inspection machine as data (R-C3)", () => {
  it("R-C3: the machine's data is consistent: every state reachable, terminals closed, no ambiguous action", () => {
    expect(validateMachine(M)).toEqual([]);
  });

  it("R-C3: every state and action has a Chinese label", () => {
    for (const s of INSPECTION_STATES) expect(M.states[s].label).toMatch(CJK);
    for (const a of INSPECTION_ACTIONS) expect(M.actions[a].label).toMatch(CJK);
    expect(M.states.draft.label).toBe("草稿");
    expect(M.states.not_filed.label).toBe("未参检");
    expect(M.states.returned.label).toBe("退回补正");
  });

  it("R-C3: published (公告) and not_filed (未参检) are the only terminal states", () => {
    const terminal = INSPECTION_STATES.filter((s) => M.states[s].terminal);
    expect(terminal.sort()).toEqual(["not_filed", "published"]);
  });
});

describe("the annual inspection flow (R-C3)", () => {
  it("R-C3: a supervised organization goes 草稿 → 已提交 → 预审 → 业务主管单位初审 → 登记机关审查 → 结论 → 公告", () => {
    const trail = walk(supervised, [
      ["submit", orgOf(supervised)],
      ["start_pre_review", registrar],
      ["pass_pre_review", registrar],
      ["pass_supervisor_review", supervisor],
      ["conclude", registrar, { input: { conclusion: "qualified", problems: [] } }],
      ["publish", registrar],
    ]);
    expect(trail).toEqual([
      "draft",
      "submitted",
      "pre_review",
      "supervisor_review",
      "registrar_review",
      "concluded",
      "published",
    ]);
  });

  it("R-C3: submitting freezes the report for this round and tells the registrar", () => {
    const d = ok(decide(M, "draft", "submit", orgOf(supervised), ctx(supervised)));
    expect(d.effects).toEqual([{ kind: "snapshot_report" }, { kind: "notify", audience: "registrar" }]);
  });

  it("R-C3: passing pre-review of a supervised organization notifies the 业务主管单位", () => {
    const d = ok(decide(M, "pre_review", "pass_pre_review", registrar, ctx(supervised)));
    expect(d.to).toBe("supervisor_review");
    expect(d.effects).toContainEqual({ kind: "notify", audience: "supervisor" });
  });

  it("R-A11: a 直接登记 organization skips the 业务主管单位 step, and the skip is recorded", () => {
    const d = ok(decide(M, "pre_review", "pass_pre_review", registrar, ctx(direct)));
    expect(d.to).toBe("registrar_review");
    expect(d.effects).toEqual([{ kind: "skipped", state: "supervisor_review", rule: "R-A11" }]);
  });

  it("R-C7: a 脱钩 association files straight to the registrar: the whole flow has no supervisor step", () => {
    const trail = walk(decoupled, [
      ["submit", orgOf(decoupled)],
      ["start_pre_review", registrar],
      ["pass_pre_review", registrar],
      ["conclude", registrar, { input: { conclusion: "qualified", problems: [] } }],
      ["publish", system],
    ]);
    expect(trail).not.toContain("supervisor_review");
    expect(trail.at(-1)).toBe("published");
  });

  it("R-C7: a supervisor cannot pass a filing of an organization that has no supervisor step", () => {
    // The organization became 脱钩 while its filing waited for the supervisor.
    const nowDecoupled: FilingSubject = { ...supervised, supervisionMode: "decoupled" };
    const d = refused(
      decide(M, "supervisor_review", "pass_supervisor_review", supervisor, ctx(nowDecoupled)),
    );
    expect(d.code).toBe("no_supervisor_step");
    expect(d.message).toContain("R-A11");
  });

  it("R-C3: the organization may withdraw a submission the registrar has not started on, but not after", () => {
    expect(ok(decide(M, "submitted", "withdraw", orgOf(supervised), ctx(supervised))).to).toBe("draft");
    const d = refused(decide(M, "pre_review", "withdraw", orgOf(supervised), ctx(supervised)));
    expect(d.code).toBe("illegal_transition");
  });

  it("R-C1/R-C3: after the window a submitted report cannot be withdrawn (it could not be submitted again)", () => {
    const closed = ctx(supervised, {
      flags: { windowOpen: false, windowClosed: true, hasBlockingChecks: false },
    });
    const d = refused(decide(M, "submitted", "withdraw", orgOf(supervised), closed));
    expect(d.code).toBe("window_closed");
    expect(d.message).toContain("不能再撤回");
  });
});

describe("退回补正: the correction loop (R-C3)", () => {
  it("R-C3: a return needs a reason, and the deadline defaults to 5 working days", () => {
    const d = ok(decide(M, "pre_review", "return_for_correction", registrar, ctx(supervised, RETURN)));
    expect(d.to).toBe("returned");
    // Friday 2026-03-06 + 5 working days = Friday 2026-03-13.
    expect(d.effects).toEqual([
      { kind: "open_correction", reason: "财务报表不平衡，请核对。", deadline: "2026-03-13", comments: [] },
      { kind: "notify", audience: "org" },
    ]);
  });

  it("R-C3: the default deadline skips listed holidays and honours make-up working days", () => {
    const calendar = createCalendar({
      holidays: ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"],
      makeupWorkdays: ["2025-09-28", "2025-10-11"],
    });
    const d = ok(
      decide(
        M,
        "pre_review",
        "return_for_correction",
        registrar,
        ctx(supervised, { ...RETURN, today: "2025-09-26", calendar }),
      ),
    );
    // 9/28 (Sunday, make-up), 9/29, 9/30, 10/9, 10/10.
    expect(d.effects[0]).toMatchObject({ kind: "open_correction", deadline: "2025-10-10" });
  });

  it("R-C3: the number of working days for the default deadline is a setting", () => {
    const d = ok(
      decide(
        M,
        "pre_review",
        "return_for_correction",
        registrar,
        ctx(supervised, { ...RETURN, correctionWorkingDays: 10 }),
      ),
    );
    expect(d.effects[0]).toMatchObject({ deadline: "2026-03-20" });
  });

  it("R-C3: the reviewer may set another deadline, and the per-section comments travel with the return", () => {
    const input = {
      reason: "请补充材料",
      deadline: "2026-04-01",
      comments: [
        { section: "finances", text: "资产合计有误" },
        { section: "meetings", text: "  " },
      ],
    };
    const d = ok(decide(M, "pre_review", "return_for_correction", registrar, ctx(supervised, { input })));
    expect(d.effects[0]).toEqual({
      kind: "open_correction",
      reason: "请补充材料",
      deadline: "2026-04-01",
      comments: [{ section: "finances", text: "资产合计有误" }],
    });
  });

  it("R-C3: a return without a reason is refused in Chinese", () => {
    const d = refused(
      decide(
        M,
        "pre_review",
        "return_for_correction",
        registrar,
        ctx(supervised, { input: { reason: "   " } }),
      ),
    );
    expect(d.code).toBe("reason_required");
    expect(d.message).toMatch(CJK);
  });

  it("R-C3: a deadline that is not a date, or is not after today, is refused", () => {
    for (const deadline of ["2026-02-30", "next week", TODAY, "2026-03-01"]) {
      const d = refused(
        decide(
          M,
          "pre_review",
          "return_for_correction",
          registrar,
          ctx(supervised, { input: { reason: "x", deadline } }),
        ),
      );
      expect(d.code).toBe("deadline_invalid");
    }
  });

  it("R-C3: a corrected filing is resubmitted and goes through pre-review again", () => {
    const d = ok(decide(M, "returned", "resubmit", orgOf(supervised), ctx(supervised)));
    expect(d.to).toBe("submitted");
    expect(d.effects).toEqual([
      { kind: "close_correction" },
      { kind: "snapshot_report" },
      { kind: "notify", audience: "registrar" },
    ]);
  });

  it("R-C3: corrections loop as often as needed, from pre-review, the supervisor and the registrar's review", () => {
    const org = orgOf(supervised);
    const trail = walk(supervised, [
      ["submit", org],
      ["start_pre_review", registrar],
      ["return_for_correction", registrar, RETURN],
      ["resubmit", org],
      ["start_pre_review", registrar],
      ["return_for_correction", registrar, RETURN],
      ["resubmit", org],
      ["start_pre_review", registrar],
      ["pass_pre_review", registrar],
      ["return_for_correction", supervisor, RETURN],
      ["resubmit", org],
      ["start_pre_review", registrar],
      ["pass_pre_review", registrar],
      ["pass_supervisor_review", supervisor],
      ["return_for_correction", registrar, RETURN],
      ["resubmit", org],
      ["start_pre_review", registrar],
      ["pass_pre_review", registrar],
      ["pass_supervisor_review", supervisor],
      [
        "conclude",
        registrar,
        {
          input: {
            conclusion: "basically_qualified",
            problems: [{ description: "会议记录不全", severity: "minor" }],
          },
        },
      ],
    ]);
    expect(trail.filter((s) => s === "returned")).toHaveLength(4);
    expect(trail.at(-1)).toBe("concluded");
  });

  it("R-C3: resubmission is not bound by the filing window (corrections continue after it closes)", () => {
    const closed = { flags: { windowOpen: false, windowClosed: true, hasBlockingChecks: false } };
    expect(ok(decide(M, "returned", "resubmit", orgOf(supervised), ctx(supervised, closed))).to).toBe(
      "submitted",
    );
  });

  it("R-C3: resubmission with blocking pre-checks is refused", () => {
    const blocked = { flags: { windowOpen: true, windowClosed: false, hasBlockingChecks: true } };
    expect(refused(decide(M, "returned", "resubmit", orgOf(supervised), ctx(supervised, blocked))).code).toBe(
      "blocking_checks",
    );
  });

  it("R-C3: only the reviewer holding the stage may return it: a supervisor cannot return during pre-review", () => {
    const d = refused(decide(M, "pre_review", "return_for_correction", supervisor, ctx(supervised, RETURN)));
    expect(d.code).toBe("forbidden_role");
    expect(d.message).toContain("登记管理机关");
  });
});

describe("submission guards (R-C1, 机器预审)", () => {
  it("R-C1: a closed window refuses a new filing, with a Chinese reason", () => {
    const closed = { flags: { windowOpen: false, windowClosed: true, hasBlockingChecks: false } };
    const d = refused(decide(M, "draft", "submit", orgOf(supervised), ctx(supervised, closed)));
    expect(d.code).toBe("window_closed");
    expect(d.message).toContain("不能提交");
  });

  it("R-C1: a missing flag counts as false, so a window not known to be open refuses", () => {
    const d = refused(decide(M, "draft", "submit", orgOf(supervised), ctx(supervised, { flags: {} })));
    expect(d.code).toBe("window_closed");
  });

  it("R-C5: blocking pre-check findings stop submission", () => {
    const blocked = { flags: { windowOpen: true, windowClosed: false, hasBlockingChecks: true } };
    const d = refused(decide(M, "draft", "submit", orgOf(supervised), ctx(supervised, blocked)));
    expect(d.code).toBe("blocking_checks");
  });
});

describe("refusals: illegal transitions, roles, scope, stale versions (R-C3)", () => {
  it("R-C3: an action not possible in this state is refused, naming the state and what can be done", () => {
    const d = refused(decide(M, "draft", "conclude", registrar, ctx(supervised)));
    expect(d.code).toBe("illegal_transition");
    expect(d.message).toBe("该申报当前为“草稿”，不能“作出年检结论”。此时可以办理的是：提交、标记为未参检。");
  });

  it("R-C3: a filing cannot be concluded before the registrar's review (no skipping pre-review)", () => {
    for (const state of ["submitted", "pre_review", "supervisor_review", "returned"] as const) {
      const d = refused(
        decide(
          M,
          state,
          "conclude",
          registrar,
          ctx(supervised, { input: { conclusion: "qualified", problems: [] } }),
        ),
      );
      expect(d.code).toBe("illegal_transition");
    }
  });

  it("R-C3: nothing leads out of 已公告 or 未参检", () => {
    for (const state of ["published", "not_filed"] as const) {
      for (const action of INSPECTION_ACTIONS) {
        const d = refused(decide(M, state, action, registrar, ctx(supervised)));
        expect(d.code).toBe("terminal");
        expect(d.message).toContain(M.states[state].label);
      }
    }
  });

  it("R-C3: an unknown action or state is refused, not thrown", () => {
    expect(refused(decide(M, "draft", "approve_everything", registrar, ctx(supervised))).code).toBe(
      "unknown_action",
    );
    expect(refused(decide(M, "draft", "constructor", registrar, ctx(supervised))).code).toBe(
      "unknown_action",
    );
    expect(refused(decide(M, "limbo" as InspectionState, "submit", registrar, ctx(supervised))).code).toBe(
      "unknown_state",
    );
    expect(
      refused(decide(M, "constructor" as InspectionState, "submit", registrar, ctx(supervised))).code,
    ).toBe("unknown_state");
    expect(actionsFor(M, "toString" as InspectionState, registrar, supervised)).toEqual([]);
  });

  it("R-C3: a role not allowed for the action is refused with who may take it", () => {
    const d = refused(decide(M, "pre_review", "pass_pre_review", orgOf(supervised), ctx(supervised)));
    expect(d).toMatchObject({ code: "forbidden_role", message: "“通过预审”只能由登记管理机关办理。" });
    expect(refused(decide(M, "draft", "submit", registrar, ctx(supervised))).code).toBe("forbidden_role");
    expect(
      refused(decide(M, "supervisor_review", "pass_supervisor_review", registrar, ctx(supervised))).code,
    ).toBe("forbidden_role");
  });

  it("R-C3: another organization's account cannot submit this organization's filing", () => {
    const d = refused(decide(M, "draft", "submit", { role: "org", orgId: 99 }, ctx(supervised)));
    expect(d).toMatchObject({ code: "out_of_scope", message: "只能办理本组织的申报。" });
  });

  it("R-C3: a registrar of another authority and a supervisor of another unit are out of scope", () => {
    expect(
      refused(
        decide(M, "pre_review", "pass_pre_review", { role: "registrar", authorityId: 2 }, ctx(supervised)),
      ).code,
    ).toBe("out_of_scope");
    expect(
      refused(
        decide(
          M,
          "supervisor_review",
          "pass_supervisor_review",
          { role: "supervisor", supervisorUnitId: 31 },
          ctx(supervised),
        ),
      ).code,
    ).toBe("out_of_scope");
    expect(refused(decide(M, "draft", "submit", { role: "org", orgId: null }, ctx(supervised))).code).toBe(
      "out_of_scope",
    );
  });

  it("R-C3: a stale version (someone else acted first) is refused before anything else", () => {
    const d = refused(
      decide(
        M,
        "pre_review",
        "pass_pre_review",
        registrar,
        ctx(supervised, { version: { read: 3, current: 4 } }),
      ),
    );
    expect(d.code).toBe("stale");
    expect(d.message).toContain("已被他人处理");
    expect(
      ok(
        decide(
          M,
          "pre_review",
          "pass_pre_review",
          registrar,
          ctx(supervised, { version: { read: 4, current: 4 } }),
        ),
      ).to,
    ).toBe("supervisor_review");
  });

  it("R-C3: two reviewers acting on the same filing: the second sees the new state and is refused", () => {
    const first = ok(decide(M, "pre_review", "pass_pre_review", registrar, ctx(supervised)));
    const second = refused(decide(M, first.to, "return_for_correction", registrar, ctx(supervised, RETURN)));
    expect(second.code).toBe("forbidden_role");
    const again = refused(decide(M, first.to, "pass_pre_review", registrar, ctx(supervised)));
    expect(again.code).toBe("illegal_transition");
  });

  it("R-C3: a double submit is one submission: the second submit finds the filing already submitted", () => {
    const first = ok(decide(M, "draft", "submit", orgOf(supervised), ctx(supervised)));
    const second = refused(decide(M, first.to, "submit", orgOf(supervised), ctx(supervised)));
    expect(second.code).toBe("illegal_transition");
    expect(second.message).toContain("已提交");
  });
});

describe("结论 (R-C4)", () => {
  const conclude = (conclusion: string | undefined, problems: Problem[]) =>
    decide(
      M,
      "registrar_review",
      "conclude",
      registrar,
      ctx(supervised, { input: { conclusion: conclusion as "qualified" | undefined, problems } }),
    );
  const minor: Problem = { description: "未按期换届", severity: "minor", section: "termChange" };
  const serious: Problem = { description: "财务报表严重失实", severity: "serious" };

  it("R-C4: 合格 with no problems found is accepted and recorded", () => {
    const d = ok(conclude("qualified", []));
    expect(d.to).toBe("concluded");
    expect(d.effects).toEqual([
      { kind: "record_conclusion", conclusion: "qualified", problems: [] },
      { kind: "notify", audience: "org" },
    ]);
  });

  it("R-C4: 合格 cannot be given when problems were recorded", () => {
    expect(refused(conclude("qualified", [minor])).code).toBe("conclusion_inconsistent");
  });

  it("R-C4: 基本合格 needs at least one problem, all 情节轻微", () => {
    expect(ok(conclude("basically_qualified", [minor])).effects[0]).toEqual({
      kind: "record_conclusion",
      conclusion: "basically_qualified",
      problems: [minor],
    });
    expect(refused(conclude("basically_qualified", [])).code).toBe("conclusion_inconsistent");
    expect(refused(conclude("basically_qualified", [minor, serious])).message).toContain("不合格");
  });

  it("R-C4: 不合格 needs at least one 情节严重 problem", () => {
    expect(ok(conclude("unqualified", [minor, serious])).to).toBe("concluded");
    expect(refused(conclude("unqualified", [minor])).code).toBe("conclusion_inconsistent");
    expect(refused(conclude("unqualified", [])).code).toBe("conclusion_inconsistent");
  });

  it("R-C4: a missing or unknown conclusion, or a problem without a description, is refused", () => {
    expect(refused(conclude(undefined, [])).code).toBe("conclusion_missing");
    expect(refused(conclude("excellent", [])).code).toBe("conclusion_missing");
    expect(refused(conclude("unqualified", [{ description: " ", severity: "serious" }])).code).toBe(
      "conclusion_inconsistent",
    );
  });

  it("R-C4: publishing a conclusion produces the 年检结论公告 effect", () => {
    const d = ok(decide(M, "concluded", "publish", system, ctx(supervised)));
    expect(d).toMatchObject({ to: "published", effects: [{ kind: "publish_conclusion" }] });
  });
});

describe("未参检 (not filed)", () => {
  const closed = { flags: { windowOpen: false, windowClosed: true, hasBlockingChecks: false } };

  it("R-C1: after the window closes, the system marks an unsubmitted draft 未参检", () => {
    const d = ok(decide(M, "draft", "mark_not_filed", system, ctx(supervised, closed)));
    expect(d.to).toBe("not_filed");
    expect(d.effects).toEqual([{ kind: "notify", audience: "org" }]);
  });

  it("R-C1: a draft cannot be marked 未参检 while the window is open or before it opens", () => {
    const open = refused(decide(M, "draft", "mark_not_filed", registrar, ctx(supervised)));
    expect(open.code).toBe("window_not_closed");
    const notYet = { flags: { windowOpen: false, windowClosed: false, hasBlockingChecks: false } };
    expect(refused(decide(M, "draft", "mark_not_filed", registrar, ctx(supervised, notYet))).code).toBe(
      "window_not_closed",
    );
  });

  it("R-C1: the organization itself cannot mark its filing 未参检", () => {
    expect(
      refused(decide(M, "draft", "mark_not_filed", orgOf(supervised), ctx(supervised, closed))).code,
    ).toBe("forbidden_role");
  });

  it("R-C3: a returned filing becomes 未参检 only once both the window and its correction deadline have passed", () => {
    const pending = refused(
      decide(
        M,
        "returned",
        "mark_not_filed",
        system,
        ctx(supervised, { ...closed, openCorrectionDeadline: "2026-03-10" }),
      ),
    );
    expect(pending.code).toBe("correction_not_overdue");
    expect(pending.message).toContain("2026-03-10");
    const onDeadline = refused(
      decide(
        M,
        "returned",
        "mark_not_filed",
        system,
        ctx(supervised, { ...closed, openCorrectionDeadline: TODAY }),
      ),
    );
    expect(onDeadline.code).toBe("correction_not_overdue");
    const overdue = ok(
      decide(
        M,
        "returned",
        "mark_not_filed",
        system,
        ctx(supervised, { ...closed, openCorrectionDeadline: "2026-03-05" }),
      ),
    );
    expect(overdue.to).toBe("not_filed");
    expect(overdue.effects).toContainEqual({ kind: "close_correction" });
  });

  it("R-C1: submitted filings are never marked 未参检", () => {
    for (const state of [
      "submitted",
      "pre_review",
      "supervisor_review",
      "registrar_review",
      "concluded",
    ] as const) {
      expect(refused(decide(M, state, "mark_not_filed", system, ctx(supervised, closed))).code).toBe(
        "illegal_transition",
      );
    }
  });
});

describe("actionsFor: the buttons a person sees", () => {
  it("R-C3: each side sees only its own actions for the current state", () => {
    expect(actionsFor(M, "draft", orgOf(supervised), supervised).map((a) => a.action)).toEqual(["submit"]);
    expect(actionsFor(M, "pre_review", registrar, supervised).map((a) => a.label)).toEqual([
      "通过预审",
      "退回补正",
    ]);
    expect(actionsFor(M, "supervisor_review", supervisor, supervised).map((a) => a.action)).toEqual([
      "return_for_correction",
      "pass_supervisor_review",
    ]);
    expect(actionsFor(M, "pre_review", orgOf(supervised), supervised)).toEqual([]);
  });

  it("R-C3: people out of scope, and terminal states, offer nothing", () => {
    expect(actionsFor(M, "draft", { role: "org", orgId: 1 }, supervised)).toEqual([]);
    expect(actionsFor(M, "published", registrar, supervised)).toEqual([]);
  });

  it("R-C7: on a filing whose organization has since become 脱钩, a supervisor can only return it, not pass it", () => {
    const stuck: FilingSubject = { ...supervised, supervisionMode: "decoupled" };
    expect(actionsFor(M, "supervisor_review", supervisor, stuck).map((a) => a.action)).toEqual([
      "return_for_correction",
    ]);
  });
});

describe("the machinery is generic (reused by registration filings)", () => {
  type S = "draft" | "supervisor" | "registrar" | "approved" | "rejected";
  type A = "submit" | "approve" | "reject";
  const change: Machine<S, A> = {
    id: "change_registration",
    label: "变更登记",
    initial: "draft",
    states: {
      draft: { label: "草稿" },
      supervisor: { label: "业务主管单位审查" },
      registrar: { label: "登记机关审查" },
      approved: { label: "准予变更", terminal: true },
      rejected: { label: "不予变更", terminal: true },
    },
    actions: { submit: { label: "提交" }, approve: { label: "同意" }, reject: { label: "不同意" } },
    transitions: [
      {
        action: "submit",
        from: ["draft"],
        roles: ["org"],
        guards: [
          {
            kind: "flag",
            flag: "materialsComplete",
            equals: true,
            code: "incomplete",
            message: "材料不齐全",
          },
        ],
        to: [
          {
            when: { kind: "supervision", modes: ["direct", "decoupled"] },
            to: "registrar",
            skips: ["supervisor"],
            rule: "R-A11",
          },
          { to: "supervisor" },
        ],
      },
      { action: "approve", from: ["supervisor"], roles: ["supervisor"], to: "registrar" },
      { action: "approve", from: ["registrar"], roles: ["registrar"], to: "approved" },
      {
        action: "reject",
        from: ["supervisor", "registrar"],
        roles: ["supervisor", "registrar"],
        to: "rejected",
      },
    ],
  };

  it("R-A11: a second machine with its own states, flag guard and supervision branch works through decide", () => {
    expect(validateMachine(change)).toEqual([]);
    const c = (flags: Record<string, boolean>, subject = supervised): DecideContext => ({
      subject,
      today: TODAY,
      flags,
    });
    expect(decide(change, "draft", "submit", orgOf(supervised), c({ materialsComplete: false }))).toEqual({
      ok: false,
      code: "incomplete",
      message: "材料不齐全",
    });
    expect(
      decide(change, "draft", "submit", orgOf(supervised), c({ materialsComplete: true })),
    ).toMatchObject({
      ok: true,
      to: "supervisor",
    });
    expect(
      decide(change, "draft", "submit", orgOf(direct), c({ materialsComplete: true }, direct)),
    ).toMatchObject({
      ok: true,
      to: "registrar",
      effects: [{ kind: "skipped", state: "supervisor", rule: "R-A11" }],
    });
    expect(decide(change, "registrar", "approve", registrar, c({}))).toMatchObject({
      ok: true,
      to: "approved",
    });
  });

  it("R-C3: validateMachine reports broken machine data", () => {
    const broken: Machine<S, A> = {
      ...change,
      transitions: [
        { action: "submit", from: ["draft"], roles: ["org"], to: "nowhere" as S },
        {
          action: "submit",
          from: ["draft"],
          roles: [],
          to: [{ when: { kind: "flag", flag: "x", equals: true }, to: "registrar" }],
        },
        { action: "approve", from: ["approved"], roles: ["registrar"], to: "draft" },
      ],
    };
    const problems = validateMachine(broken);
    expect(problems).toContain("action submit refers to undefined state nowhere");
    expect(problems).toContain("action submit is defined twice from draft");
    expect(problems).toContain("action submit has no role");
    expect(problems).toContain("action submit has no fallback branch");
    expect(problems).toContain("terminal state approved has a way out (approve)");
    expect(problems).toContain("state rejected is unreachable");
  });
});

describe("a subject only its registrar acts on", () => {
  it("has no 业务主管单位, so its registrar is in scope and a supervisor unit never is (R-A11)", () => {
    const subject = registrarSubject(5, 2);
    expect(subject).toEqual({ orgId: 5, authorityId: 2, supervisorUnitId: null, supervisionMode: "direct" });
    expect(inScope({ role: "registrar", authorityId: 2 }, subject)).toBe(true);
    expect(inScope({ role: "registrar", authorityId: 3 }, subject)).toBe(false);
    expect(inScope({ role: "supervisor", supervisorUnitId: 1 }, subject)).toBe(false);
  });
});
