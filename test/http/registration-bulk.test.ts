import { strFromU8, unzipSync } from "fflate";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, importJobs, organizations } from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { issueUscc } from "../../src/domain/uscc";
import { openMemoryDatabase } from "../../src/node-db";
import { IMPORT_CHUNK_ROWS } from "../../src/registration/bulk";
import { createUser, signIn } from "../support/auth";
import { memoryStorage } from "../support/inspection";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** Registrars import from the browser (preview, chunks with progress, report) and export CSV and XLSX. */
let db: Db;
let storage: ReturnType<typeof memoryStorage>;
let registrar: string;
let orgCookie: string;
const NOW = new Date("2026-11-23T02:00:00Z");
const app = () => createApp({ db, config: testConfig(), now: () => NOW, storage });

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  storage = memoryStorage();
  const district = await ensureAuthority(db, { code: "159901", name: "示范市东湖区民政局" });
  await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
  const [org] = await insertOrgs(db, [{ name: "东湖区书画协会", authorityCode: "159901" }]);
  registrar = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: district })).id, NOW))
    .cookie;
  orgCookie = (await signIn(db, (await createUser(db, { role: "org", orgId: org!.id })).id, NOW)).cookie;
});

const HEADER =
  "统一社会信用代码,名称,类型,状态,成立日期,法定代表人,住所,登记管理机关代码,登记管理机关,注册资金(元)";
const row = (seq: number, name: string, authority = "159901") =>
  `${issueUscc(authority, "social_group", seq)},${name},社会团体,正常,2020-01-0${(seq % 9) + 1},张${seq},东湖区${seq}号,${authority},${authority === "159901" ? "示范市东湖区民政局" : "邻市民政局"},30000`;

function upload(csv: string, cookie = registrar) {
  const fd = new FormData();
  fd.set("file", new File([`\uFEFF${csv}`], "导入.csv", { type: "text/csv" }));
  return app().request("/registrar/import", {
    method: "POST",
    headers: { Cookie: cookie, Origin: "http://localhost" },
    body: fd,
  });
}
const post = (path: string, body: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  app().request(path, {
    method: "POST",
    headers: {
      Cookie: registrar,
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body: new URLSearchParams(body),
  });
const get = (path: string, cookie = registrar) => app().request(path, { headers: { Cookie: cookie } });

describe("import from the browser", () => {
  it("previews every row error without writing, then imports the good rows with audit and a report", async () => {
    const csv = [
      HEADER,
      row(501, "东湖区象棋协会"),
      `${row(502, "东湖区桥牌协会")}`.replace("正常", "不知道"),
      row(503, "邻市协会", "159800"),
      row(504, "东湖区航模协会"),
    ].join("\n");
    const res = await upload(csv);
    expect(res.status).toBe(303);
    const jobPath = res.headers.get("Location")!;
    const preview = await (await get(jobPath)).text();
    expect(preview).toContain("尚未写入任何数据");
    expect(preview).toContain("第 3 行");
    expect(preview).toContain("第 4 行");
    expect(preview).toContain("只能导入本机关登记的组织");
    expect((await db.select().from(organizations)).length).toBe(1);

    const [job] = await db.select().from(importJobs);
    expect(job!.preview).toMatchObject({ inserted: 2, updated: 0 });
    const step = await post(`${jobPath}/step`, { version: String(job!.version) });
    expect(step.status).toBe(303);
    const report = await (await get(jobPath)).text();
    expect(report).toContain("导入完成：新增 2 个");
    expect((await db.select().from(organizations)).length).toBe(3);
    const actions = (await db.select({ a: auditEvents.action }).from(auditEvents)).map((x) => x.a);
    expect(actions).toEqual(
      expect.arrayContaining([
        "registration.import.preview",
        "organization.import.create",
        "registration.import.done",
      ]),
    );
    expect(storage.files.size).toBe(0);
  });

  it("R-A3: the preview lists the rows that will be written but need a look, with the reason", async () => {
    // 张601 represents two 社团 in the same file: both rows are imported (history may hold such cases) and listed.
    const csv = [
      HEADER,
      row(601, "东湖区书法协会"),
      row(602, "东湖区篆刻协会").replace("张602", "张601"),
    ].join("\n");
    const res = await upload(csv);
    const preview = await (await get(res.headers.get("Location")!)).text();
    expect(preview).toContain("需要核实的行（会写入）");
    expect(preview).toContain("东湖区篆刻协会");
  });

  it("runs a large file in chunks, with an htmx progress fragment that asks for the next chunk itself", async () => {
    const n = IMPORT_CHUNK_ROWS + 20;
    const csv = [HEADER, ...Array.from({ length: n }, (_, i) => row(1000 + i, `东湖区第${i}协会`))].join(
      "\n",
    );
    const jobPath = (await upload(csv)).headers.get("Location")!;
    const first = await post(`${jobPath}/step`, {}, { "HX-Request": "true" });
    const html = await first.text();
    expect(html).toContain(
      `已处理 ${IMPORT_CHUNK_ROWS.toLocaleString("zh-CN")} / ${n.toLocaleString("zh-CN")} 行`,
    );
    expect(html).toContain('hx-trigger="load delay:100ms"');
    const second = await (await post(`${jobPath}/step`, {}, { "HX-Request": "true" })).text();
    expect(second).toContain("导入完成");
    expect(second).not.toContain("hx-trigger");
    expect((await db.select().from(organizations)).length).toBe(n + 1);
  });

  it("refuses an empty file, a non-UTF-8 file, and other roles; another authority's job is not found", async () => {
    expect((await upload("")).status).toBe(422);
    const fd = new FormData();
    fd.set("file", new File([new Uint8Array([0xff, 0xfe, 0x41, 0xd6])], "gbk.csv"));
    const gbk = await app().request("/registrar/import", {
      method: "POST",
      headers: { Cookie: registrar, Origin: "http://localhost" },
      body: fd,
    });
    expect(gbk.status).toBe(422);
    expect(await gbk.text()).toContain("UTF-8");
    expect((await upload(`${HEADER}\n${row(7, "x协会")}`, orgCookie)).status).toBe(404);
    expect((await get("/registrar/import/999")).status).toBe(404);
  });
});

/** A CSV download's text, after checking it starts with the UTF-8 byte-order mark Excel needs. */
async function bomText(res: Response) {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes);
}

describe("the import's preview, its rows in error and its template", () => {
  it("names each changed organization's fields old → new in Chinese, the new organizations, and the rows in error", async () => {
    const [existing] = await db.select().from(organizations);
    const changed = `${existing!.uscc},东湖区书画协会,社会团体,正常,2015-03-01,李四,东湖区新址路2号,159901,示范市东湖区民政局,50000`;
    const bad = row(502, "东湖区桥牌协会").replace("正常", "不知道");
    const res = await upload([HEADER, changed, row(501, "东湖区象棋协会"), bad].join("\n"));
    const jobPath = res.headers.get("Location")!;
    const page = await (await get(jobPath)).text();
    expect(page).toContain("将更新的组织（1 家）");
    expect(page).toContain("法定代表人：张三 → 李四");
    expect(page).toContain("住所：示范市测试路1号 → 东湖区新址路2号");
    expect(page).toContain("注册资金：0.00 元 → 50,000.00 元");
    expect(page).toContain("将新增的组织（1 家）");
    expect(page).toContain("东湖区象棋协会");
    expect(page).toContain(`${jobPath}/errors.csv`);
    expect((await db.select().from(organizations)).length).toBe(1);

    const file = await get(`${jobPath}/errors.csv`);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toContain("text/csv");
    const csv = await bomText(file);
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe(`${HEADER},错误原因`);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(bad);
    expect(lines[1]).toContain("第 4 行：状态“不知道”无法识别");
  });

  it("lists at most the first organizations and says how many more (另有 N 家)", async () => {
    const { PREVIEW_LIST_MAX } = await import("../../src/registration/bulk");
    const rows = Array.from({ length: PREVIEW_LIST_MAX + 3 }, (_, i) => row(600 + i, `东湖区第${i}协会`));
    const jobPath = (await upload([HEADER, ...rows].join("\n"))).headers.get("Location")!;
    const page = await (await get(jobPath)).text();
    expect(page).toContain(`将新增的组织（${PREVIEW_LIST_MAX + 3} 家）`);
    expect(page).toContain("另有 3 家将新增");
  });

  it("offers a template with the accepted Chinese headers and an example row that imports as is", async () => {
    const res = await get("/registrar/import/template.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain(encodeURIComponent("导入模板"));
    const csv = await bomText(res);
    const [header, example] = csv.trim().split("\n");
    expect(header).toContain("统一社会信用代码,名称,类型");
    expect(example).toContain("159901");
    const page = await (await get("/registrar/import")).text();
    expect(page).toContain("/registrar/import/template.csv");
    expect(page).toContain("各列的填写说明");
    // The workbook: the same headers and example, and a sheet explaining each column.
    const xlsx = await get("/registrar/import/template.xlsx");
    expect(xlsx.status).toBe(200);
    const parts = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const xml = Object.entries(parts)
      .filter(([name]) => name.endsWith(".xml"))
      .map(([, data]) => strFromU8(data))
      .join("");
    expect(xml).toContain("填写说明");
    expect(xml).toContain("登记管理机关代码");
    expect(xml).toContain("另存为");

    const fd = new FormData();
    fd.set("file", new File([csv], "模板.csv", { type: "text/csv" }));
    const uploaded = await app().request("/registrar/import", {
      method: "POST",
      headers: { Cookie: registrar, Origin: "http://localhost" },
      body: fd,
    });
    expect(uploaded.status).toBe(303);
    const [job] = await db.select().from(importJobs);
    expect(job!.preview).toMatchObject({ inserted: 1, errors: [] });
  });

  it("refuses the template and the rows in error to other roles, and another authority's rows in error", async () => {
    const jobPath = (await upload([HEADER, row(9, "东湖区").replace("正常", "?")].join("\n"))).headers.get(
      "Location",
    )!;
    expect((await get(`${jobPath}/errors.csv`)).status).toBe(200);
    expect((await get("/registrar/import/template.csv", orgCookie)).status).toBe(404);
    expect((await get("/registrar/import/template.xlsx", orgCookie)).status).toBe(404);
    expect((await get(`${jobPath}/errors.csv`, orgCookie)).status).toBe(404);
    const neighbour = await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
    const other = (
      await signIn(db, (await createUser(db, { role: "registrar", authorityId: neighbour })).id, NOW)
    ).cookie;
    expect((await get(`${jobPath}/errors.csv`, other)).status).toBe(404);
    // A preview without rows in error has nothing to download.
    const clean = (await upload([HEADER, row(10, "东湖区乒乓球协会")].join("\n"))).headers.get("Location")!;
    expect((await get(`${clean}/errors.csv`)).status).toBe(404);
  });
});

describe("export", () => {
  it("exports the register with the search filters as CSV (BOM, Chinese headers) and as XLSX", async () => {
    await insertOrgs(db, [
      { name: "东湖区围棋协会", authorityCode: "159901" },
      { name: "邻市围棋协会", authorityCode: "159800" },
    ]);
    const bytes = new Uint8Array(await (await get("/registrar/export.csv?q=围棋")).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("统一社会信用代码,名称")).toBe(true);
    expect(csv).toContain("东湖区围棋协会");
    expect(csv).not.toContain("邻市围棋协会");
    expect(csv).not.toContain("书画");
    const xlsx = await get("/registrar/export.xlsx");
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const all = Object.entries(files)
      .filter(([name]) => name.endsWith(".xml"))
      .map(([, data]) => strFromU8(data))
      .join("");
    expect(all).toContain("东湖区书画协会");
    expect(all).toContain("东湖区围棋协会");
    expect(all).toContain("统一社会信用代码");
  });

  it("refuses another authority's register and other roles", async () => {
    expect((await get("/registrar/export.csv?authority=159800")).status).toBe(404);
    expect((await get("/registrar/export.xlsx", orgCookie)).status).toBe(404);
    expect((await get("/registrar/export.csv?registered_from=2026-13-01")).status).toBe(400);
  });
});
