import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";
import { insertOrgs } from "../support/orgs";

/** The public organization page reads as people read: dates as 2026年3月31日, an expired grade shown as expired (R-G1). */
describe("the organization page's dates and grade", () => {
  it("R-G1: a grade past its validity shows as expired, never as current; dates in Chinese", async () => {
    const { db } = await openMemoryDatabase();
    const [a, b] = await insertOrgs(db, [{ name: "示范市过期评估协会" }, { name: "示范市有效评估协会" }]);
    await db.run(
      sql`UPDATE organizations SET rating = '4A', rating_valid_to = '2026-03-31' WHERE id = ${a!.id}`,
    );
    await db.run(
      sql`UPDATE organizations SET rating = '5A', rating_valid_to = '2028-06-30' WHERE id = ${b!.id}`,
    );
    const app = createApp({ db, config: testConfig(), now: () => new Date("2026-06-10T02:00:00Z") });
    const expired = await (await app.request(`/orgs/${a!.uscc}`)).text();
    expect(expired).toContain("4A（已于 2026年3月31日 过期，不再有效）");
    expect(expired).toContain("<dt>成立日期</dt><dd>2015年3月1日</dd>");
    expect(expired).not.toMatch(/<dd>\d{4}-\d{2}-\d{2}<\/dd>/);
    const valid = await (await app.request(`/orgs/${b!.uscc}`)).text();
    expect(valid).toContain("5A（有效期至 2028年6月30日）");
    // R-G1: registered 2015, no 年检 held, no penalty, not listed: eligible.
    expect(valid).toContain("<dt>参加评估</dt><dd>符合参加评估的基本条件</dd>");
    await db.run(sql`INSERT INTO penalties (org_id, authority_id, kind, department, document_no, decided_on, facts)
      SELECT ${b!.id}, authority_id, 'warning', '示范市民政局', '示民罚〔2026〕2号', '2026-02-01', '未按规定报送'
      FROM organizations WHERE id = ${b!.id}`);
    const penalized = await (await app.request(`/orgs/${b!.uscc}`)).text();
    expect(penalized).toContain("暂不符合参加评估的条件：上一年度受到行政处罚");
  });
});
