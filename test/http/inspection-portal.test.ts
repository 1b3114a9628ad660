/**
 * The organization's side of the annual inspection over HTTP: the home panel, the filing page, each section
 * saved on its own (plain post and htmx), bad numbers refused next to the field with nothing stored, attachments by
 * content, submit (a double submit is one submission), the correction loop with the reviewer's comment beside its
 * section, the printable conclusion — and the refusals: another organization's filing, a closed window, a stale page.
 */
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { annualInspections, inspectionSections } from "../../db/schema";
import type { SessionUser } from "../../src/context";
import { inspectionService as svc } from "../../src/inspection/service";
import { asUsers, buildInspectionWorld, goodForms, type InspectionWorld, ok } from "../support/inspection";

// Built afresh before each test.
let { db, world, clock, deps, app } = {} as InspectionWorld;

const http = asUsers(
  () => app,
  () => db,
  () => clock,
);
const { get, post } = http;
const cookieOf = http.cookieOf;

async function filingOf(orgId: number) {
  const [f] = await db.select().from(annualInspections).where(eq(annualInspections.orgId, orgId));
  return f!;
}

beforeEach(async () => {
  ({ db, world, clock, deps, app } = await buildInspectionWorld());
  http.clear();
});

async function fillAll(u: SessionUser, filingId: number) {
  const forms = goodForms(2025);
  for (const [section, form] of Object.entries(forms)) {
    const { version } = await filingOf(u.orgId!);
    const res = await post(u, `/portal/inspections/${filingId}/sections/${section}`, {
      ...form,
      version: String(version),
    });
    expect(res.status, section).toBe(303);
  }
}

describe("the organization's inspection pages", () => {
  it("the home says where this year's inspection stands, what to do next and the days remaining", async () => {
    const u = world.users.learned;
    const home = await (await get(u, "/portal")).text();
    expect(home).toContain("2025 年度");
    expect(home).toContain("下一步");
    expect(home).toMatch(/还剩 <strong>\d+<\/strong> 天/);
    const f = await filingOf(u.orgId!);
    expect(home).toContain(`/portal/inspections/${f.id}`);
  });

  it("each section saves on its own; money in full-width digits with separators is understood; bad numbers are refused in place and nothing is stored", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const page = await (await get(u, `/portal/inspections/${f.id}`)).text();
    expect(page).toContain("基本信息");
    expect(page).toContain("不能在年检中修改");
    expect(page).toContain('id="staff.fullTime"');

    const bad = await post(u, `/portal/inspections/${f.id}/sections/finances`, {
      ...goodForms(2025).finances,
      "balance.assets": "五十万",
      version: String(f.version),
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="finances.balance.assets-error"');
    expect(html).toContain("五十万");
    expect(await db.select().from(inspectionSections).where(eq(inspectionSections.filingId, f.id))).toEqual(
      [],
    );

    const good = await post(u, `/portal/inspections/${f.id}/sections/finances`, {
      ...goodForms(2025).finances,
      "balance.assets": "５００，０００．００",
      version: String(f.version),
    });
    expect(good.status).toBe(303);
    expect(good.headers.get("Location")).toBe(
      `/portal/inspections/${f.id}?saved=finances#save-status-finances`,
    );
    const [saved] = await db.select().from(inspectionSections).where(eq(inspectionSections.filingId, f.id));
    expect((saved!.data as { balance: { assets: number } }).balance.assets).toBe(50_000_000);
  });

  it("with htmx a save answers the section alone and the pre-review panel out of band", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const res = await post(
      u,
      `/portal/inspections/${f.id}/sections/staff`,
      { fullTime: "2", partTime: "0", volunteers: "1", socialInsured: "5", version: String(f.version) },
      { "HX-Request": "true" },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html.startsWith("<section")).toBe(true);
    expect(html).toContain('id="section-staff"');
    expect(html).toContain("参加社会保险人数不能多于专职与兼职工作人员之和");
    expect(html).toContain('id="checks"');
    expect(html).toContain('hx-swap-oob="true"');
    expect(html).not.toContain("<html");
  });

  it("submits once (a double submit is one submission), the reviewer's comment stands beside its section, and the resubmission goes through", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const page = await (await get(u, `/portal/inspections/${f.id}`)).text();
    expect(page).toContain("提交年检报告");
    // Blocks stop submission (nothing filled yet).
    const early = await post(u, `/portal/inspections/${f.id}/submit`, {
      version: String(f.version),
      action: "submit",
      idempotencyKey: "k0",
    });
    expect(early.status).toBe(422);
    expect((await filingOf(u.orgId!)).state).toBe("draft");

    await fillAll(u, f.id);
    const v = String((await filingOf(u.orgId!)).version);
    const [a, b] = await Promise.all([
      post(u, `/portal/inspections/${f.id}/submit`, {
        version: v,
        action: "submit",
        idempotencyKey: "same-key",
      }),
      post(u, `/portal/inspections/${f.id}/submit`, {
        version: v,
        action: "submit",
        idempotencyKey: "same-key",
      }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const submitted = await filingOf(u.orgId!);
    expect(submitted.state).toBe("submitted");
    expect(submitted.round).toBe(1);

    // The registrar returns it with a comment on the staff section.
    const reg = world.users.cityRegistrar;
    ok(await svc.act(deps, reg, f.id, "start_pre_review", { version: submitted.version }));
    const pre = await filingOf(u.orgId!);
    ok(
      await svc.act(deps, reg, f.id, "return_for_correction", {
        version: pre.version,
        reason: "请核对工作人员人数。",
        comments: [{ section: "staff", text: "专职人员与社保人数不符。" }],
      }),
    );
    const returned = await (await get(u, `/portal/inspections/${f.id}`)).text();
    expect(returned).toContain("请核对工作人员人数。");
    const staffAt = returned.indexOf('id="section-staff"');
    expect(returned.indexOf("专职人员与社保人数不符。", staffAt)).toBeGreaterThan(staffAt);
    expect(returned).toContain("修改完毕，重新提交");

    const r = await filingOf(u.orgId!);
    await post(u, `/portal/inspections/${f.id}/sections/staff`, {
      ...goodForms(2025).staff,
      fullTime: "6",
      version: String(r.version),
    });
    const again = await filingOf(u.orgId!);
    expect(
      (
        await post(u, `/portal/inspections/${f.id}/submit`, {
          version: String(again.version),
          action: "resubmit",
          idempotencyKey: "k2",
        })
      ).status,
    ).toBe(303);
    const after = await filingOf(u.orgId!);
    expect(after.round).toBe(2);
    expect(after.state).not.toBe("returned");
  });

  it("attachments are recognised by content; a fake PDF is refused and nothing stored; the owner can download", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const upload = (bytes: Uint8Array, name: string) => {
      const fd = new FormData();
      fd.set("section", "declaration");
      fd.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
      return cookieOf(u).then((cookie) =>
        app.request(`/portal/inspections/${f.id}/attachments`, {
          method: "POST",
          headers: { Cookie: cookie, Origin: "http://localhost" },
          body: fd,
        }),
      );
    };
    const fake = await upload(new TextEncoder().encode("not a pdf"), "签字页.pdf");
    expect(fake.status).toBe(422);
    const pdf = new TextEncoder().encode("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const res = await upload(pdf, "签字页.pdf");
    expect(res.status).toBe(303);
    const page = await (await get(u, `/portal/inspections/${f.id}`)).text();
    const m = page.match(/\/portal\/inspections\/attachments\/(\d+)/);
    expect(m).not.toBeNull();
    const file = await get(u, `/portal/inspections/attachments/${m![1]}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/pdf");
    expect((await get(world.users.otherOrg, `/portal/inspections/attachments/${m![1]}`)).status).toBe(404);
  });

  it("refuses another organization's filing, a stale page and a closed window", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const other = world.users.districtOrg;
    expect((await get(other, `/portal/inspections/${f.id}`)).status).toBe(404);
    expect(
      (
        await post(other, `/portal/inspections/${f.id}/sections/staff`, {
          ...goodForms(2025).staff,
          version: String(f.version),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await post(other, `/portal/inspections/${f.id}/submit`, {
          version: String(f.version),
          action: "submit",
        })
      ).status,
    ).toBe(404);
    // Two pages save the same section: the second, from the older page, is refused.
    const v = String(f.version);
    expect(
      (await post(u, `/portal/inspections/${f.id}/sections/staff`, { ...goodForms(2025).staff, version: v }))
        .status,
    ).toBe(303);
    const stale = await post(u, `/portal/inspections/${f.id}/sections/staff`, {
      ...goodForms(2025).staff,
      fullTime: "9",
      version: v,
    });
    expect(stale.status).toBe(409);
    // After the window closes, drafts can no longer be edited.
    clock.set("2026-12-01");
    http.clear(); // the earlier session has idled out by then
    const closed = await post(u, `/portal/inspections/${f.id}/sections/branches`, {
      version: String((await filingOf(u.orgId!)).version),
    });
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain("截止");
  });

  it("prints the 年检结论通知书 once concluded, and not before", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    expect((await get(u, `/portal/inspections/${f.id}/notice`)).status).toBe(404);
    await db.run(
      sql`UPDATE annual_inspections SET state = 'concluded', conclusion = 'qualified', concluded_on = '2026-05-20' WHERE id = ${f.id}`,
    );
    const letter = await get(u, `/portal/inspections/${f.id}/notice`);
    expect(letter.status).toBe(200);
    const html = await letter.text();
    expect(html).toContain("年检结论通知书");
    expect(html).toContain("合格");
  });
});

describe("the organization's notices", () => {
  it("tells the organization when its filing is returned, and each notice can be marked read (by its own users only)", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    await fillAll(u, f.id);
    const v = (await filingOf(u.orgId!)).version;
    expect(
      (await post(u, `/portal/inspections/${f.id}/submit`, { version: String(v), action: "submit" })).status,
    ).toBe(303);
    const reg = world.users.cityRegistrar;
    const s = await filingOf(u.orgId!);
    ok(await svc.act(deps, reg, f.id, "start_pre_review", { version: s.version }));
    const p = await filingOf(u.orgId!);
    ok(await svc.act(deps, reg, f.id, "return_for_correction", { version: p.version, reason: "请补充。" }));
    const page = await (await get(u, "/portal/notices")).text();
    expect(page).toContain("退回");
    const id = page.match(/\/portal\/notices\/(\d+)\/read/)![1]!;
    expect((await post(world.users.districtOrg, `/portal/notices/${id}/read`, {})).status).toBe(404);
    const read = await post(u, `/portal/notices/${id}/read`, {}, { "HX-Request": "true" });
    expect(read.status).toBe(200);
    expect(await read.text()).toContain("notice-read");
  });

  it("newest first, and all of them marked read at once (for this user only)", async () => {
    const u = world.users.learned;
    const at = new Date().toISOString();
    for (const text of ["第一条通知", "第二条通知", "第三条通知"]) {
      await db.run(
        sql`INSERT INTO notices (org_id, text, href, created_at) VALUES (${u.orgId}, ${text}, '/portal', ${at})`,
      );
    }
    const page = await (await get(u, "/portal/notices")).text();
    expect(page.indexOf("第三条通知")).toBeLessThan(page.indexOf("第一条通知"));
    expect(page).toMatch(/全部标为已读（\d+ 条）/);
    expect((await post(u, "/portal/notices/read-all", {})).status).toBe(303);
    const after = await (await get(u, "/portal/notices")).text();
    expect(after).not.toContain("全部标为已读");
    expect(after).not.toContain("notice-unread");
    // Another user of another organization still has its own unread notices untouched.
    expect((await svc.notices(deps, world.users.districtOrg, true)).every((n) => !n.readAt)).toBe(true);
  });
});
