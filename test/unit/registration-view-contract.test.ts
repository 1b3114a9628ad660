import { describe, expect, it } from "vitest";
import type { ApplicationRow } from "../../src/registration/applications";
import { toApplicationView } from "../../src/registration/applications";

const row: ApplicationRow = {
  id: 7,
  kind: "establishment",
  channel: "online",
  authorityId: 2,
  orgId: null,
  state: "draft",
  version: 3,
  round: 0,
  linkId: "abcdef0123456789",
  linkSecretHash: "scrypt$secret-hash",
  applicantName: "张三",
  applicantPhone: "13800000000",
  data: { name: "示范市桥牌协会" },
  submittedOn: null,
  dueOn: null,
  correctionReason: null,
  correctionDeadline: null,
  correctionComments: null,
  decidedOn: null,
  decisionReason: null,
  documentNo: null,
  createdByUserId: null,
  createdAt: "2026-03-01T00:00:00.000Z",
  updatedAt: "2026-03-02T00:00:00.000Z",
};

describe("the registration view contract (R-A6 applications as their pages show them)", () => {
  it("gives the pages the application's state, form and limits", () => {
    const view = toApplicationView(row);
    expect(view).toMatchObject({ id: 7, kind: "establishment", state: "draft", version: 3 });
    expect(view.data).toEqual({ name: "示范市桥牌协会" });
  });

  it("never hands a view the 成立 link's secret or the applicant's phone", () => {
    const view = toApplicationView(row) as unknown as Record<string, unknown>;
    for (const key of ["linkId", "linkSecretHash", "applicantPhone", "authorityId", "createdByUserId"])
      expect(key in view).toBe(false);
    expect(JSON.stringify(view)).not.toContain("secret-hash");
  });
});
