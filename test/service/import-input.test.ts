import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { cliActor } from "../../src/audit/audit";
import { verifyAuditChain } from "../../src/audit/chain";
import { openMemoryDatabase } from "../../src/node-db";
import { decodeCsvBytes } from "../../src/registry/csv-text";
import { importRegisterCsv } from "../../src/registry/import";

/**
 * The register importer takes what bureaus actually have — Excel's GBK, UTF-16, UTF-8 with or without BOM — and
 * refuses what would corrupt the register (mojibake, NUL, duplicate columns, empty or binary files) with a message
 * that says what is wrong. A killed import is finished by running it again.
 */
const utf8 = readFileSync("test/fixtures/register-sample.csv");
const gbk = readFileSync("test/fixtures/register-sample-gbk.csv");
const utf16 = readFileSync("test/fixtures/register-sample-utf16.csv");
const sampleText = utf8.toString("utf8").replace(/^\uFEFF/, "");
const actor = cliActor("registry:import");

describe("decoding an import file", () => {
  it("reads UTF-8 with and without BOM, GBK/GB18030 and UTF-16 to the same text", () => {
    const noBom = utf8.subarray(3);
    for (const [bytes, encoding] of [
      [utf8, "UTF-8"],
      [noBom, "UTF-8"],
      [gbk, "GB18030"],
      [utf16, "UTF-16LE"],
    ] as const) {
      const r = decodeCsvBytes(new Uint8Array(bytes));
      expect(r).toMatchObject({ ok: true, encoding });
      expect(r.ok && r.text).toBe(sampleText);
    }
  });

  it("refuses a workbook, a PDF and an empty file, naming what it is", () => {
    const xlsx = decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(xlsx).toMatchObject({ ok: false });
    expect(!xlsx.ok && xlsx.message).toContain("Excel 工作簿");
    expect(decodeCsvBytes(new TextEncoder().encode("%PDF-1.7\n"))).toMatchObject({ ok: false });
    const empty = decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a]));
    expect(!empty.ok && empty.message).toContain("文件是空的");
  });

  it("refuses NUL and control characters with the line they are on", () => {
    const nul = decodeCsvBytes(new TextEncoder().encode("名称\n甲\n乙\u0000丙\n"));
    expect(!nul.ok && nul.message).toContain("第3行含有空字符");
    const bell = decodeCsvBytes(new TextEncoder().encode("名称\n甲\u0007\n"));
    expect(!bell.ok && bell.message).toContain("第2行含有不可见的控制字符");
  });
});

describe("importRegisterCsv refuses a malformed table", () => {
  it("refuses a header that names the same column twice (in English and Chinese too), writing nothing", async () => {
    const { db } = await openMemoryDatabase();
    const text = sampleText.replace("名称,", "名称,name,").replace(/\n(.*?),(.*?),/g, "\n$1,$2,$2,");
    const r = await importRegisterCsv(db, text, actor);
    expect(r.errors).toEqual([{ line: 1, reason: expect.stringContaining("表头中有重复的列：名称、name") }]);
    const [n] = (await db.all(sql`SELECT count(*) AS n FROM organizations`)) as { n: number }[];
    expect(n!.n).toBe(0);
  });

  it("refuses a file with a header and no data rows", async () => {
    const { db } = await openMemoryDatabase();
    const r = await importRegisterCsv(db, sampleText.split("\n")[0]!, actor);
    expect(r.errors[0]!.reason).toContain("没有数据行");
  });

  it("finishes what a killed run left: unsealed audit events are sealed and supervisor units linked, and it says so", async () => {
    const { db } = await openMemoryDatabase();
    await importRegisterCsv(db, sampleText, actor);
    // A run killed after its last batch: its events not yet sealed, its organizations not yet linked.
    await db.run(sql`UPDATE organizations SET supervisor_unit_id = NULL`);
    await db.run(
      sql`INSERT INTO audit_events (actor_role, action) VALUES ('cli', 'organization.import.insert')`,
    );
    const again = await importRegisterCsv(db, sampleText, actor);
    expect(again.resumed).toEqual({ sealedEvents: 1, linkedOrganizations: 2 });
    expect(await verifyAuditChain(db)).toMatchObject({ unsealed: 0, firstBroken: null });
    const [unlinked] = (await db.all(
      sql`SELECT count(*) AS n FROM organizations WHERE supervision_mode = 'supervised' AND supervisor_unit_id IS NULL`,
    )) as { n: number }[];
    expect(unlinked!.n).toBe(0);
    const third = await importRegisterCsv(db, sampleText, actor);
    expect(third.resumed).toBeNull();
  });
});

describe("npm run registry:import", () => {
  const dir = mkdtempSync(join(tmpdir(), "import-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (file: string, db: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/cli/import.ts", file], {
      env: { ...process.env, DATABASE_URL: `file:${join(dir, db)}`, SEED_DEMO: "0" },
      encoding: "utf8",
    });

  it("imports a GBK file with its Chinese names intact and says it converted it", async () => {
    const r = run("test/fixtures/register-sample-gbk.csv", "gbk.db");
    expect(r.stdout).toContain("按 GB18030 编码读取并转换");
    const client = createClient({ url: `file:${join(dir, "gbk.db")}` });
    const names = (await client.execute("SELECT name FROM organizations ORDER BY id")).rows.map(
      (x) => x.name,
    );
    client.close();
    expect(names).toContain("样例市蓝天医疗救援协会");
  });

  it("exits 1 without writing for an empty file and for a workbook", () => {
    writeFileSync(join(dir, "empty.csv"), "");
    const empty = run(join(dir, "empty.csv"), "empty.db");
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain("文件是空的");
    writeFileSync(join(dir, "book.csv"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    const book = run(join(dir, "book.csv"), "book.db");
    expect(book.status).toBe(1);
    expect(book.stderr).toContain("Excel 工作簿");
  });
});
