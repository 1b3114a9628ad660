/**
 * R-C4: one 年检结论公告 for the conclusions a registrar's authority recorded and has not yet published — listed with
 * checkboxes, published together by one confirmation (each public from that day, each audited, one atomic batch),
 * shown to the public as one 公告 — and its refusals.
 */
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { asUsers, buildInspectionWorld, type InspectionWorld } from "../support/inspection";

// Built afresh before each test.
let { db, world, clock, app } = {} as InspectionWorld;
const http = asUsers(
  () => app,
  () => db,
  () => clock,
);
const ids: Record<string, number> = {};

async function concluded(
  orgId: number,
  authorityId: number,
  conclusion: string,
  on: string,
): Promise<number> {
  const [row] = (await db.all(sql`INSERT INTO annual_inspections
      (org_id, authority_id, year_id, year, org_type, supervision_mode, state, conclusion, concluded_on)
    SELECT ${orgId}, ${authorityId}, y.id, 2025, 'social_group', 'direct', 'concluded', ${conclusion}, ${on}
    FROM inspection_years y WHERE y.year = 2025 AND y.authority_id = ${authorityId}
    ON CONFLICT (org_id, year) DO UPDATE SET state = 'concluded', conclusion = excluded.conclusion,
      concluded_on = excluded.concluded_on
    RETURNING id`)) as { id: number }[];
  return row!.id;
}

beforeEach(async () => {
  http.clear();
  ({ db, world, clock, app } = await buildInspectionWorld({
    day: "2026-06-10",
    openBy: ["cityRegistrar", "districtRegistrar", "otherRegistrar"],
  }));
  const { city, district, otherCity } = world.authorities;
  ids.learned = await concluded(world.orgs.learned.id, city, "qualified", "2026-06-01");
  ids.logistics = await concluded(world.orgs.logistics.id, city, "basically_qualified", "2026-06-08");
  ids.district = await concluded(world.orgs.districtOrg.id, district, "qualified", "2026-06-01");
  ids.other = await concluded(world.orgs.otherOrg.id, otherCity, "unqualified", "2026-06-01");
});

const stateOf = async (id: number) =>
  (
    (await db.all(sql`SELECT state, published_on AS "on" FROM annual_inspections WHERE id = ${id}`)) as {
      state: string;
      on: string | null;
    }[]
  )[0]!;
async function postForm(body: URLSearchParams, user = world.users.cityRegistrar) {
  return app.request("/registrar/conclusion-announcements", {
    method: "POST",
    headers: {
      Cookie: await http.cookieOf(user),
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body,
  });
}
const form = (year: string, list: number[]) => {
  const f = new URLSearchParams({ year });
  for (const id of list) f.append("ids", String(id));
  return f;
};

describe("R-C4: one 年检结论公告 for the day's conclusions", () => {
  it("lists the authority's unpublished conclusions of the year, all checked, optionally up to a date", async () => {
    const page = await (
      await http.get(world.users.cityRegistrar, "/registrar/conclusion-announcements?year=2025")
    ).text();
    expect(page).toContain("示范市计算机学会");
    expect(page).toContain("示范市物流行业协会");
    expect(page).toContain("基本合格");
    expect(page).not.toContain("东湖区书画协会"); // a district's conclusions are the district's to publish
    expect(page).not.toContain("邻市围棋协会");
    // The review queue's 待公告 tab leads here.
    const queue = await (
      await http.get(world.users.cityRegistrar, "/registrar/inspections?state=concluded")
    ).text();
    expect(queue).toContain('href="/registrar/conclusion-announcements"');
    expect(page.match(/name="ids"[^>]*checked/g)?.length).toBe(2);
    const upTo = await (
      await http.get(
        world.users.cityRegistrar,
        "/registrar/conclusion-announcements?year=2025&upTo=2026-06-05",
      )
    ).text();
    expect(upTo).toContain("示范市计算机学会");
    expect(upTo).not.toContain("示范市物流行业协会");
  });

  it("publishes every selected conclusion under one 公告, each public from that day, audited, in one batch", async () => {
    const res = await postForm(form("2025", [ids.learned!, ids.logistics!]));
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    expect(location).toBe("/announcements/conclusions?authority=159900&year=2025&on=2026-06-10");
    expect(await stateOf(ids.learned!)).toEqual({ state: "published", on: "2026-06-10" });
    expect(await stateOf(ids.logistics!)).toEqual({ state: "published", on: "2026-06-10" });
    const events = (await db.all(
      sql`SELECT action, org_id AS "orgId" FROM audit_events WHERE action LIKE 'inspection.%' ORDER BY id`,
    )) as { action: string; orgId: number | null }[];
    expect(events.filter((e) => e.action === "inspection.publish").map((e) => e.orgId)).toEqual([
      world.orgs.learned.id,
      world.orgs.logistics.id,
    ]);
    expect(events.filter((e) => e.action === "inspection.conclusions.announce")).toHaveLength(1);

    const notice = await app.request(location);
    expect(notice.status).toBe(200);
    const html = await notice.text();
    expect(html).toContain("示范市民政局关于2025年度社会组织年检结论的公告");
    expect(html).toContain("示范市计算机学会（统一社会信用代码：");
    expect(html).toContain("：基本合格");
    expect(html).toContain("2026年6月10日");
    // R-C4: public from that day — the organization's page shows its conclusion.
    expect(await (await app.request(`/orgs/${world.orgs.logistics.uscc}`)).text()).toContain("基本合格");
    // Published conclusions leave the list.
    const after = await (
      await http.get(world.users.cityRegistrar, "/registrar/conclusion-announcements?year=2025")
    ).text();
    expect(after).toContain("没有待公告的年检结论");
  });

  it("refuses nothing selected (422), another authority's conclusion (404), one already published (409): nothing published", async () => {
    const none = await postForm(form("2025", []));
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("请至少选择一项要公告的结论");

    const foreign = await postForm(form("2025", [ids.learned!, ids.other!]));
    expect(foreign.status).toBe(404);
    const district = await postForm(form("2025", [ids.district!]));
    expect(district.status).toBe(404);
    expect((await stateOf(ids.learned!)).state).toBe("concluded");
    expect((await stateOf(ids.district!)).state).toBe("concluded");

    expect((await postForm(form("2025", [ids.learned!]))).status).toBe(303);
    const again = await postForm(form("2025", [ids.learned!, ids.logistics!]));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("已经公告或有变化");
    expect((await stateOf(ids.logistics!)).state).toBe("concluded");

    expect((await postForm(new URLSearchParams({ year: "x", ids: "1" }))).status).toBe(400);
  });

  it("is the registrars' page only; the public 公告 of a day with nothing published is not found", async () => {
    expect((await http.get(world.users.learned, "/registrar/conclusion-announcements")).status).toBe(404);
    expect((await http.get(world.users.supervisorA, "/registrar/conclusion-announcements")).status).toBe(404);
    expect((await postForm(form("2025", [ids.learned!]), world.users.learned)).status).toBe(404);
    expect((await stateOf(ids.learned!)).state).toBe("concluded");
    expect(
      (await app.request("/announcements/conclusions?authority=159900&year=2025&on=2026-06-10")).status,
    ).toBe(404);
    expect((await app.request("/announcements/conclusions?authority=x")).status).toBe(404);
  });
});
