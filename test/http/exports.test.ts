import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { csvLines } from "../../src/csv";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** Exports are opened in Excel and WPS: no cell may run as a formula, and a broken stream is never a short file. */
describe("XLSX exports", () => {
  it("write a formula-looking name as a text cell, never as a formula", async () => {
    const { db } = await openMemoryDatabase();
    const district = await ensureAuthority(db, { code: "159901", name: "示范市东湖区民政局" });
    await insertOrgs(db, [{ name: "=1+1协会", authorityCode: "159901" }]);
    const { cookie } = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: district })).id,
    );
    const res = await createApp({ db, config: testConfig() }).request("/registrar/export.xlsx", {
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const xml = Object.entries(files)
      .filter(([name]) => name.startsWith("xl/"))
      .map(([, bytes]) => strFromU8(bytes))
      .join("");
    expect(xml).toContain("=1+1协会");
    expect(xml).not.toMatch(/<f>|<f /);
  });
});

describe("XLSX a clerk can work with", () => {
  it("amounts are numbers in 元, dates are dates, columns have widths and the header row an autofilter", async () => {
    const { db } = await openMemoryDatabase();
    const district = await ensureAuthority(db, { code: "159901", name: "示范市东湖区民政局" });
    await insertOrgs(db, [
      { name: "示范市东湖区围棋协会", authorityCode: "159901", registeredOn: "2020-05-06" },
    ]);
    const { cookie } = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: district })).id,
    );
    const res = await createApp({ db, config: testConfig() }).request("/registrar/export.xlsx", {
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain('<autoFilter ref="A1:Q2"/>');
    expect(sheet).toMatch(/<col [^>]*width="30"/);
    // 成立日期 (column F) is a date serial with a date style, not a string: 2020-05-06 is day 43957.
    expect(sheet).toMatch(/<c r="F2"[^>]*s="\d+"[^>]*>(<v>)?43957(<\/v>)?/);
    expect(sheet).not.toMatch(/<c r="F2"[^>]*t="(s|inlineStr)"/);
    // 注册资金 (column K) is a number.
    expect(sheet).toMatch(/<c r="K2"[^>]*>(<v>)?\d+(\.\d+)?(<\/v>)?/);
    expect(sheet).not.toMatch(/<c r="K2"[^>]*t="(s|inlineStr)"/);
  });
});

describe("CSV exports", () => {
  it("neutralise cells a spreadsheet would run as a formula (= + - @, tab, CR, full-width =)", () => {
    const line = csvLines([
      ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "＝1", "正常名称"],
    ]);
    expect(line).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),'\tx,"'\rx",'＝1,正常名称\n`);
  });

  it("the open-data CSV carries a formula-looking name as text, and is never stored by a cache", async () => {
    const { db } = await openMemoryDatabase();
    await insertOrgs(db, [{ name: "=CMD协会" }, { name: "普通协会" }]);
    const res = await createApp({ db, config: testConfig() }).request("/api/v1/organizations.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const text = await res.text();
    expect(text).toContain("'=CMD协会");
    expect(text).not.toMatch(/(^|,)=CMD/m);
  });

  it("a stream that fails part-way ends as an error, not as a short file", async () => {
    const { db, client } = await openMemoryDatabase();
    await insertOrgs(
      db,
      Array.from({ length: 1200 }, (_, i) => ({ name: `流式导出测试协会${i}` })),
    );
    const res = await createApp({ db, config: testConfig() }).request("/api/v1/organizations.csv");
    const reader = res.body!.getReader();
    await reader.read(); // the header
    await reader.read(); // the first 500 rows
    client.close(); // the database goes away mid-export
    let failed = false;
    try {
      for (;;) {
        const { done } = await reader.read();
        if (done) break;
      }
    } catch {
      failed = true;
    }
    expect(failed).toBe(true);
  });
});
