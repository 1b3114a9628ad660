import { beforeAll, describe, expect, it } from "vitest";
import { areaOf, mayEnter, PUBLIC_ROUTES } from "../../src/auth/permissions";
import type { SessionUser } from "../../src/context";
import { formHeaders } from "../support/auth";
import {
  fillPath,
  ROLES,
  type Role,
  type Route,
  type RouteMatrix,
  setupRouteMatrix,
} from "../support/route-matrix";

/**
 * Every registered route that is not public refuses anonymous users (login redirect, or 401 for the API),
 * users of the wrong role (404), and users of the right role asking for another organization's or authority's
 * object (404). The list of routes comes from the app itself, so a new route without a permission rule, or with a
 * parameter this test cannot fill, fails here.
 */

let app: RouteMatrix["app"];
let cookies: Record<Role, string>;
/** Objects that belong to someone else (another organization, another authority, another unit). */
let foreign: Record<string, string>;
let routes: () => Route[];

beforeAll(async () => {
  const m = await setupRouteMatrix();
  ({ app, cookies, foreign } = m);
  routes = () => m.routes();
});

/** Why a route has no permission rule, or null when it has one. */
function missingRule(r: Route): string | null {
  if (PUBLIC_ROUTES.has(`${r.method} ${r.path}`)) return null;
  return areaOf(r.path)
    ? null
    : `${r.method} ${r.path} is neither public nor in an area of src/auth/permissions.ts`;
}

const fill = (path: string) => fillPath(path, foreign);

const call = (r: Route, path: string, cookie?: string) =>
  app.request(path, {
    method: r.method,
    headers: r.method === "GET" ? (cookie ? { Cookie: cookie } : {}) : formHeaders(cookie),
    body: r.method === "GET" ? undefined : new URLSearchParams({ version: "1" }),
  });

const protectedRoutes = () => routes().filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`));

describe("the route-permission matrix", () => {
  it("finds the app's routes, and every one has a permission rule", () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(20);
    expect(all.map(missingRule).filter(Boolean)).toEqual([]);
  });

  it("would report a route added without a rule", () => {
    expect(missingRule({ method: "GET", path: "/secret-report" })).toMatch(/neither public nor in an area/);
    expect(missingRule({ method: "POST", path: "/orgs/:uscc" })).toMatch(/neither public/);
  });

  it("every protected route sends anonymous pages to /login?next=… and anonymous API calls a 401", async () => {
    const wrong: string[] = [];
    for (const r of protectedRoutes()) {
      const res = await call(r, fill(r.path));
      const api = r.path.startsWith("/api/");
      const ok = api
        ? res.status === 401
        : res.status === 302 && (res.headers.get("Location") ?? "").startsWith("/login?next=");
      if (!ok) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("every protected route answers 404 to a signed-in user of a role that may not enter it", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of protectedRoutes()) {
      const area = areaOf(r.path)!;
      for (const role of ROLES) {
        if (mayEnter({ role } as SessionUser, area)) continue;
        checked++;
        const res = await call(r, fill(r.path), cookies[role]);
        if (res.status !== 404) wrong.push(`${role}: ${r.method} ${r.path} → ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it("every protected route with an object in its path answers 404 for another organization's or authority's object", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of protectedRoutes()) {
      if (!r.path.includes(":")) continue;
      const area = areaOf(r.path)!;
      const roles = ROLES.filter((role) => mayEnter({ role } as SessionUser, area));
      for (const role of roles) {
        checked++;
        const res = await call(r, fill(r.path), cookies[role]);
        if (res.status !== 404) wrong.push(`${role}: ${r.method} ${fill(r.path)} → ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(wrong).toEqual([]);
  });
});
