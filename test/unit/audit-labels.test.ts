import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actionLabel, auditSentence, OBJECT_LABELS } from "../../src/audit/labels";
import { CREDIT_ACTIONS } from "../../src/domain/credit";
import { INSPECTION_ACTIONS } from "../../src/domain/inspection-workflow";
import { APPLICATION_ACTIONS } from "../../src/domain/registration-workflow";
import { ZOMBIE_CASE_ACTIONS } from "../../src/domain/zombie-case";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}
const sources = [...sourceFiles("src"), ...sourceFiles("db/seed")].map((f) => readFileSync(f, "utf8"));

/** Actions built from a workflow's step names: `prefix${step}` for each step. */
const TEMPLATES: Record<string, readonly string[]> = {
  "registration.": APPLICATION_ACTIONS,
  "inspection.": INSPECTION_ACTIONS,
  "credit.": CREDIT_ACTIONS,
  "credit.notice.": ["report", "accept", "return"],
  "zombie.case.": ZOMBIE_CASE_ACTIONS,
};

function actionsInSource(): { literal: Set<string>; templates: Set<string> } {
  const literal = new Set<string>();
  const templates = new Set<string>();
  for (const text of sources) {
    for (const line of text.split("\n")) {
      if (!/\baction: /.test(line)) continue;
      for (const m of line.matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)) literal.add(m[1]!);
      for (const m of line.matchAll(/action: `([a-z_.]+)\$\{/g)) templates.add(m[1]!);
    }
  }
  return { literal, templates };
}

const isChineseLabel = (action: string, label: string) =>
  /[\u4e00-\u9fff]/.test(label) &&
  !label.includes(action) &&
  !label.endsWith("相关操作") &&
  label !== "其他操作";

describe("the audit log in Chinese", () => {
  it("every action string written in src/ has its own Chinese label", () => {
    const { literal, templates } = actionsInSource();
    expect(literal.size).toBeGreaterThan(30);
    expect(literal.has("inspection.take")).toBe(true);
    expect([...templates].filter((t) => !TEMPLATES[t])).toEqual([]);
    const all = [...literal, ...[...templates].flatMap((t) => TEMPLATES[t]!.map((s) => `${t}${s}`))];
    expect(all.filter((a) => !isChineseLabel(a, actionLabel(a)))).toEqual([]);
  });

  it("an unknown action is named by its family or as 其他操作, never by its code", () => {
    expect(actionLabel("inspection.something_new")).toBe("年检相关操作");
    expect(actionLabel("mystery.thing")).toBe("其他操作");
  });

  it("an event reads as a sentence: objects, states and dates in words, no codes or JSON", () => {
    const sentence = auditSentence(
      {
        id: 1,
        at: "2026-03-31T02:00:00.000Z",
        actorUserId: 2,
        actorUsername: "reviewer1",
        actorRole: "registrar",
        ip: null,
        action: "inspection.conclude",
        objectType: "annual_inspection",
        objectId: "17",
        orgId: 3,
        summary: {
          year: 2025,
          from: "pre_review",
          to: "returned",
          version: 4,
          secret: { a: 1 },
          code: "x_y",
        },
      } as unknown as Parameters<typeof auditSentence>[0],
      "登记管理机关",
    );
    expect(sentence).toContain("reviewer1（登记管理机关）年检：");
    expect(sentence).toContain("年检 17");
    expect(sentence).toContain("年度：2025");
    expect(sentence).toContain("原状态：登记机关预审；新状态：退回补正");
    expect(sentence).not.toMatch(/conclude|annual_inspection|pre_review|\{|x_y/);
    expect(Object.values(OBJECT_LABELS).every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
  });
});
