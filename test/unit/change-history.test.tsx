import { describe, expect, it } from "vitest";
import type { orgHistory } from "../../db/schema";
import { ReadOnlyData } from "../../views/registration/applications";
import { ChangeHistory, historyValue } from "../../views/registration/registrar-org";

type Row = typeof orgHistory.$inferSelect;
const row = (over: Partial<Row>): Row =>
  ({
    id: 1,
    orgId: 1,
    kind: "change",
    before: null,
    after: {},
    actorUserId: null,
    actorLabel: "registrar1",
    reason: null,
    at: "2026-03-31T02:00:00.000Z",
    ...over,
  }) as Row;

describe("变更历史 in Chinese (R-A5 registry fields)", () => {
  it("shows types and statuses by name, amounts in 元 with two decimals, dates in Chinese", () => {
    const html = String(
      <ChangeHistory
        rows={[
          row({
            kind: "import",
            before: {
              type: "social_group",
              status: "active",
              capitalFen: 3000000,
              registeredOn: "2015-03-01",
            },
            after: { type: "foundation", status: "revoked", capitalFen: 123450, registeredOn: "2016-04-02" },
          }),
          row({ kind: "charter", after: { changedClauses: "第五条", charterApproved: true } }),
        ]}
      />,
    );
    for (const s of [
      "社会团体 → 基金会",
      "正常 → 撤销",
      "30,000.00 元 → 1,234.50 元",
      "2015年3月1日 → 2016年4月2日",
    ])
      expect(html).toContain(s);
    expect(html).toContain("章程核准：— → 是");
    expect(html).not.toMatch(/social_group|foundation|revoked|active|capitalFen|（分）|true/);
  });

  it("never prints a stored code, an unknown field name or raw JSON", () => {
    const html = String(
      <ChangeHistory rows={[row({ kind: "mystery_kind", after: { someNewField: { a: 1 } } })]} />,
    );
    expect(html).toContain("其他登记事项");
    expect(html).toContain("其他事项：— → （见登记档案）");
    expect(html).not.toMatch(/mystery_kind|someNewField|\{/);
    expect(historyValue("status", "bogus")).toBe("（未知状态）");
    expect(historyValue("type", "bogus")).toBe("（未知类型）");
  });
});

describe("an application's data as the filer and registrar read it (R-A5 registry fields)", () => {
  it("a 变更 of 注册资金 shows both amounts in 元, dates in Chinese, and no stored codes", () => {
    const html = String(
      <ReadOnlyData
        app={
          {
            kind: "change",
            data: {
              items: ["capital"],
              capitalFen: 500000,
              supervisorApprovedOn: "2026-03-01",
              type: "foundation",
            },
          } as unknown as Parameters<typeof ReadOnlyData>[0]["app"]
        }
        org={
          { capitalFen: 3000000, type: "social_group" } as unknown as Parameters<
            typeof ReadOnlyData
          >[0]["org"]
        }
        units={[]}
      />,
    );
    expect(html).toContain("30,000.00 元");
    expect(html).toContain("5,000.00 元");
    expect(html).toContain("2026年3月1日");
    expect(html).toContain("社会团体");
    expect(html).not.toMatch(/3000000|social_group|foundation|2026-03-01/);
  });
});
