import { describe, expect, it } from "vitest";
import { type EvaluationFacts, evaluationBarriers } from "../../src/domain/evaluation";

const ok: EvaluationFacts = {
  registeredOn: "2018-05-01",
  filings: [
    { year: 2024, state: "published", conclusion: "qualified" },
    { year: 2025, state: "published", conclusion: "qualified" },
  ],
  penalties: [],
  listed: false,
};
const today = "2026-06-10";

describe("R-G1: who may be evaluated", () => {
  it("R-G1: an organization two years registered, 合格, unpenalized and off the lists may be evaluated", () => {
    expect(evaluationBarriers(ok, today)).toEqual([]);
  });
  it("R-G1: registered under two full years", () => {
    expect(evaluationBarriers({ ...ok, registeredOn: "2024-06-11" }, today)).toEqual(["成立未满两年"]);
    expect(evaluationBarriers({ ...ok, registeredOn: "2024-06-10" }, today)).toEqual([]);
  });
  it("R-G1: the last 年检 missed or 不合格; 基本合格 two years running", () => {
    const missed = [...ok.filings, { year: 2025, state: "not_filed", conclusion: null }].filter(
      (f) => !(f.year === 2025 && f.state === "published"),
    );
    expect(evaluationBarriers({ ...ok, filings: missed }, today)).toEqual(["2025年度未参加年检"]);
    expect(
      evaluationBarriers(
        { ...ok, filings: [{ year: 2025, state: "published", conclusion: "unqualified" }] },
        today,
      ),
    ).toEqual(["2025年度年检不合格"]);
    const twice = ok.filings.map((f) => ({ ...f, conclusion: "basically_qualified" }));
    expect(evaluationBarriers({ ...ok, filings: twice }, today)).toEqual([
      "2024、2025年度连续两年年检基本合格",
    ]);
  });
  it("R-G1: penalized in the last year, or on a credit list", () => {
    expect(evaluationBarriers({ ...ok, penalties: ["2025-12-01"] }, today)).toEqual(["上一年度受到行政处罚"]);
    expect(evaluationBarriers({ ...ok, penalties: ["2025-05-01"] }, today)).toEqual([]);
    expect(evaluationBarriers({ ...ok, listed: true }, today)).toEqual(["被列入信用名单"]);
  });
});
