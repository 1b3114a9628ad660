import { desc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, loginThrottle, sessions, users } from "../../db/schema";
import { setDisabled } from "../../src/accounts/service";
import { createApp } from "../../src/app";
import { verifyAuditChain } from "../../src/audit/chain";
import { hashPassword } from "../../src/auth/password";
import { SESSION_COOKIE_FULL } from "../../src/auth/sessions";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn, TEST_PASSWORD } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** Sign-in, sessions, throttling, activation, invitations, disabling, password change, audit. */

let db: Db;
let clock: Date;
// Behind one trusted proxy (TRUST_PROXY=1), so tests can speak from different addresses with X-Forwarded-For.
const config = testConfig({ trustProxy: { hops: 1 } });
const app = () => createApp({ db, config, now: () => clock });
let org: { id: number; uscc: string };
let cityId: number;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  clock = new Date("2026-11-22T02:00:00Z");
  cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  org = (await insertOrgs(db, [{ name: "示范市围棋协会" }]))[0]!;
});

const post = (
  path: string,
  body: Record<string, string>,
  cookie?: string,
  headers: Record<string, string> = {},
) =>
  app().request(path, {
    method: "POST",
    headers: { ...formHeaders(cookie), ...headers },
    body: new URLSearchParams(body),
  });
const get = (path: string, cookie?: string) =>
  app().request(path, { headers: cookie ? { Cookie: cookie } : {} });

function sessionCookieOf(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE_FULL}=`));
  if (!set) return null;
  const value = set.split(";")[0]!;
  return value.endsWith("=") ? null : value;
}

async function login(username: string, password = TEST_PASSWORD, extra: Record<string, string> = {}) {
  return post("/login", { username, password, ...extra });
}

const actions = async () =>
  (await db.select({ a: auditEvents.action }).from(auditEvents).orderBy(auditEvents.id)).map((r) => r.a);

describe("login", () => {
  it("signs in with the right password: a __Host- cookie, HttpOnly, Secure, SameSite=Lax, and a redirect home", async () => {
    await createUser(db, { role: "registrar", authorityId: cityId, username: "li.ming" });
    const res = await login("li.ming");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/registrar");
    const set = res.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE_FULL))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/Secure/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Path=\//);
    expect(set).not.toMatch(/Domain=/i);
    const home = await get("/registrar", sessionCookieOf(res)!);
    expect(home.status).toBe(200);
    expect(await actions()).toContain("auth.login");
  });

  it("gives the same answer for an unknown user and a wrong password, and stores only the secret's hash", async () => {
    await createUser(db, { role: "admin", username: "root.admin" });
    const unknown = await login("nobody", "whatever-password");
    const wrong = await login("root.admin", "whatever-password");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const a = (await unknown.text()).match(/用户名或密码不正确。/);
    const b = (await wrong.text()).match(/用户名或密码不正确。/);
    expect(a && b).toBeTruthy();
    const ok = await login("root.admin");
    const token = sessionCookieOf(ok)!.split("=")[1]!;
    const [row] = await db.select().from(sessions);
    expect(token.startsWith(`${row!.id}.`)).toBe(true);
    expect(row!.secretHash).not.toContain(token.split(".")[1]!);
    expect((await actions()).filter((x) => x === "auth.login_failed")).toHaveLength(2);
  });

  it("asks for both fields with messages next to them, without a lookup", async () => {
    const res = await login("", "");
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("请填写用户名。");
    expect(html).toContain("请填写密码。");
    expect(await actions()).toEqual([]);
  });

  it("follows a same-site next and ignores another site's", async () => {
    await createUser(db, { role: "admin", username: "root.admin" });
    expect((await login("root.admin", TEST_PASSWORD, { next: "/admin/audit" })).headers.get("Location")).toBe(
      "/admin/audit",
    );
    expect(
      (await login("root.admin", TEST_PASSWORD, { next: "https://evil.example/" })).headers.get("Location"),
    ).toBe("/admin");
    expect(
      (await login("root.admin", TEST_PASSWORD, { next: "//evil.example/" })).headers.get("Location"),
    ).toBe("/admin");
  });

  it("refuses pending and disabled accounts; a disabled one is named only with the right password", async () => {
    await createUser(db, { role: "admin", username: "pending.one" }, "pending");
    await createUser(db, { role: "admin", username: "gone.one" }, "disabled");
    expect((await login("pending.one")).status).toBe(401);
    const disabled = await login("gone.one");
    expect(disabled.status).toBe(403);
    expect(await disabled.text()).toContain("已被停用");
    expect((await login("gone.one", "not-the-password")).status).toBe(401);
  });

  it("rehashes on login when the stored scrypt parameters are older than the configured ones", async () => {
    const u = await createUser(db, { role: "admin", username: "old.hash" });
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(TEST_PASSWORD, { ln: 8, r: 8, p: 1 }) })
      .where(eq(users.id, u.id));
    expect((await login("old.hash")).status).toBe(303);
    const [after] = await db.select().from(users).where(eq(users.id, u.id));
    const p = config.passwordHashing;
    expect(after!.passwordHash).toMatch(new RegExp(`^\\$scrypt\\$ln=${p.ln},r=${p.r},p=${p.p}\\$`));
    expect((await login("old.hash")).status).toBe(303);
  });
});

describe("throttling (per account and per IP, kept in the database)", () => {
  it("after 5 failures the account waits 30 s, the page says how long, and the right password is refused meanwhile", async () => {
    await createUser(db, { role: "admin", username: "target" });
    for (let i = 0; i < 5; i++) expect((await login("target", `wrong-${i}-password`)).status).toBe(401);
    const blocked = await login("target");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toBe("30");
    expect(await blocked.text()).toContain("请 30 秒后再试");
    expect(await actions()).toContain("auth.login_throttled");
    // A restart (a new app on the same database) does not reset it.
    expect((await login("target")).status).toBe(429);
    clock = new Date(clock.getTime() + 31_000);
    expect((await login("target")).status).toBe(303);
    // Success clears the account's count.
    expect(await db.select().from(loginThrottle).where(eq(loginThrottle.key, "user:target"))).toEqual([]);
  });

  it("doubles the wait with each further failure", async () => {
    for (let i = 0; i < 5; i++) await login("ghost", "wrong-password-x");
    clock = new Date(clock.getTime() + 31_000);
    await login("ghost", "wrong-password-x");
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, "user:ghost"));
    expect(row!.failures).toBe(6);
    expect(row!.lockedUntil - clock.getTime()).toBe(60_000);
  });

  it("counts concurrent failures without losing any: each is a failure or a throttled attempt", async () => {
    await Promise.all(Array.from({ length: 8 }, () => login("ghost", "wrong-password-x")));
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, "user:ghost"));
    expect(row!.failures + row!.throttledAttempts).toBe(8);
  });

  it("reserves each attempt before the password is checked: in a burst of 50 wrong guesses and the right password, no more than 5 are checked", async () => {
    await createUser(db, { role: "admin", username: "burst" });
    const attempts = [
      ...Array.from({ length: 50 }, (_, i) => login("burst", `wrong-${i}-password`)),
      login("burst"),
    ];
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(5);
    expect(statuses.at(-1)).toBe(429);
    expect(await db.select().from(sessions)).toEqual([]);
  });

  it("audits one event per lockout, not one per refused attempt, and reports the refused count with the next attempt", async () => {
    for (let i = 0; i < 5; i++) await login("flood", "wrong-password-x");
    for (let i = 0; i < 40; i++) expect((await login("flood", "wrong-password-x")).status).toBe(429);
    const throttledRows = (await actions()).filter((a) => a === "auth.login_throttled");
    expect(throttledRows).toHaveLength(1);
    clock = new Date(clock.getTime() + 31_000);
    await login("flood", "wrong-password-x");
    const [last] = await db
      .select({ summary: auditEvents.summary })
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.login_failed"))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(last!.summary).toMatchObject({ throttledAttempts: 40 });
  });

  it("successful sign-ins from one address never lock that address", async () => {
    await createUser(db, { role: "admin", username: "busy" });
    for (let i = 0; i < 25; i++) expect((await login("busy")).status).toBe(303);
  });

  it("throttles an IP that tries many accounts", async () => {
    const ip = { "X-Forwarded-For": "198.51.100.7" };
    for (let i = 0; i < 20; i++)
      await post("/login", { username: `u${i}-x`, password: "wrong-password" }, undefined, ip);
    const res = await post("/login", { username: "another", password: "wrong-password" }, undefined, ip);
    expect(res.status).toBe(429);
    const elsewhere = await post("/login", { username: "another", password: "wrong-password" }, undefined, {
      "X-Forwarded-For": "198.51.100.8",
    });
    expect(elsewhere.status).toBe(401);
  });
});

describe("sessions", () => {
  it("logout ends the session on the server, not just the cookie", async () => {
    const u = await createUser(db, { role: "admin" });
    const { cookie } = await signIn(db, u.id, clock);
    expect((await get("/admin", cookie)).status).toBe(200);
    const out = await post("/logout", {}, cookie);
    expect(out.status).toBe(303);
    expect(await db.select().from(sessions)).toEqual([]);
    expect((await get("/admin", cookie)).status).toBe(302);
  });

  it("expires after the idle limit and refreshes last-seen at most hourly", async () => {
    const u = await createUser(db, { role: "admin" });
    const { cookie } = await signIn(db, u.id, clock);
    const start = clock.getTime();
    clock = new Date(start + 30 * 60_000);
    expect((await get("/admin", cookie)).status).toBe(200);
    expect((await db.select().from(sessions))[0]!.lastSeenAt).toBe(start);
    clock = new Date(start + 61 * 60_000);
    expect((await get("/admin", cookie)).status).toBe(200);
    expect((await db.select().from(sessions))[0]!.lastSeenAt).toBe(clock.getTime());
    clock = new Date(clock.getTime() + config.sessionIdleMs + 1);
    const expired = await get("/admin", cookie);
    expect(expired.status).toBe(302);
    expect(expired.headers.get("Location")).toBe("/login?next=%2Fadmin");
    expect(await db.select().from(sessions)).toEqual([]);
  });

  it("refuses a token whose secret does not match, even with a real session id", async () => {
    const u = await createUser(db, { role: "admin" });
    const { cookie } = await signIn(db, u.id, clock);
    const forged = cookie.replace(/\.[0-9a-f]{64}$/, `.${"0".repeat(64)}`);
    expect((await get("/admin", forged)).status).toBe(302);
  });

  it("lists one's sessions on /account and ends another one; nobody else's can be ended", async () => {
    const u = await createUser(db, { role: "admin" });
    const other = await createUser(db, { role: "admin" });
    const a = await signIn(db, u.id, clock);
    const b = await signIn(db, u.id, clock);
    const theirs = await signIn(db, other.id, clock);
    const page = await (await get("/account", a.cookie)).text();
    expect(page).toContain("当前设备");
    expect(page).toContain(`/account/sessions/${b.user.sessionId}/end`);
    expect((await post(`/account/sessions/${theirs.user.sessionId}/end`, {}, a.cookie)).status).toBe(404);
    expect((await post(`/account/sessions/${b.user.sessionId}/end`, {}, a.cookie)).status).toBe(303);
    expect((await get("/account", b.cookie)).status).toBe(302);
    expect((await get("/account", theirs.cookie)).status).toBe(200);
  });

  it("a password change ends every session and keeps this browser signed in with a new one", async () => {
    const u = await createUser(db, { role: "admin", username: "changer" });
    const a = await signIn(db, u.id, clock);
    const b = await signIn(db, u.id, clock);
    const bad = await post(
      "/account/password",
      { current: TEST_PASSWORD, password: "short", confirm: "short" },
      a.cookie,
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("密码至少需要 10 个字符");
    const res = await post(
      "/account/password",
      { current: TEST_PASSWORD, password: "new river lantern 17", confirm: "new river lantern 17" },
      a.cookie,
    );
    expect(res.status).toBe(303);
    const fresh = sessionCookieOf(res)!;
    expect((await get("/account", a.cookie)).status).toBe(302);
    expect((await get("/account", b.cookie)).status).toBe(302);
    expect((await get("/account", fresh)).status).toBe(200);
    expect((await login("changer")).status).toBe(401);
    expect((await login("changer", "new river lantern 17")).status).toBe(303);
  });

  it("a wrong current password changes nothing", async () => {
    const u = await createUser(db, { role: "admin" });
    const a = await signIn(db, u.id, clock);
    const res = await post(
      "/account/password",
      { current: "not-my-password", password: "new river lantern 17", confirm: "new river lantern 17" },
      a.cookie,
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("当前密码不正确。");
    expect((await get("/account", a.cookie)).status).toBe(200);
  });
});

function linkIn(html: string): string {
  const m = html.match(/http:\/\/localhost(\/activate\/[0-9a-f]{32}\.[0-9a-f]{64})/);
  if (!m) throw new Error("no activation link on the page");
  return m[1]!;
}

describe("accounts are created, never self-registered; activation links", () => {
  it("an administrator creates a registrar; the link shows once, activates once, and expires after 72 hours", async () => {
    const admin = await createUser(db, { role: "admin" });
    const { cookie } = await signIn(db, admin.id, clock);
    const res = await post(
      "/admin/users",
      { role: "registrar", authorityId: String(cityId), username: "Wang.Fang", displayName: "王芳" },
      cookie,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const path = linkIn(await res.text());
    const [created] = await db.select().from(users).where(eq(users.username, "wang.fang"));
    expect(created!.status).toBe("pending");
    expect((await login("wang.fang", "anything-at-all")).status).toBe(401);

    const form = await get(path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("wang.fang");
    const weak = await post(path, { password: "wang.fang-2026-x", confirm: "wang.fang-2026-x" });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain("密码不能包含用户名。");
    const mismatch = await post(path, { password: "quiet river stone", confirm: "quiet river stones" });
    expect(await mismatch.text()).toContain("两次输入的密码不一致。");
    const ok = await post(path, { password: "quiet river stone", confirm: "quiet river stone" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("Location")).toBe("/login?done=activated");
    expect((await get(path)).status).toBe(404);
    expect((await login("wang.fang", "quiet river stone")).headers.get("Location")).toBe("/registrar");
  });

  it("an activation link older than 72 hours no longer works", async () => {
    const admin = await createUser(db, { role: "admin" });
    const { cookie } = await signIn(db, admin.id, clock);
    const res = await post(
      "/admin/users",
      { role: "admin", username: "late.one", displayName: "迟到" },
      cookie,
    );
    const path = linkIn(await res.text());
    clock = new Date(clock.getTime() + 72 * 3600_000 + 1000);
    expect((await get(path)).status).toBe(404);
    expect((await post(path, { password: "quiet river stone", confirm: "quiet river stone" })).status).toBe(
      404,
    );
  });

  it("refuses a taken username and a staff account without its authority, with messages and nothing stored", async () => {
    const admin = await createUser(db, { role: "admin", username: "taken.name" });
    const { cookie } = await signIn(db, admin.id, clock);
    const before = (await db.select().from(users)).length;
    const dup = await post(
      "/admin/users",
      { role: "admin", username: "taken.name", displayName: "重名" },
      cookie,
    );
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain("这个用户名已被使用");
    const noAuth = await post(
      "/admin/users",
      { role: "registrar", username: "no.auth", displayName: "无机关" },
      cookie,
    );
    expect(noAuth.status).toBe(422);
    expect(await noAuth.text()).toContain("请选择该工作人员所在的登记管理机关。");
    const badName = await post(
      "/admin/users",
      { role: "admin", username: "张三", displayName: "张三" },
      cookie,
    );
    expect(await badName.text()).toContain("用户名为 3 到 40 位小写字母");
    expect((await db.select().from(users)).length).toBe(before);
  });

  it("a registrar creates an organization's first account; its administrator invites a colleague", async () => {
    const registrar = await createUser(db, { role: "registrar", authorityId: cityId });
    const r = await signIn(db, registrar.id, clock);
    const made = await post(
      `/registrar/orgs/${org.uscc}/accounts`,
      { username: "weiqi.admin", displayName: "赵敏" },
      r.cookie,
    );
    expect(made.status).toBe(200);
    await post(linkIn(await made.text()), { password: "black white stones", confirm: "black white stones" });
    // A second administrator is not created by the registrar once one exists.
    const again = await post(
      `/registrar/orgs/${org.uscc}/accounts`,
      { username: "weiqi.two", displayName: "钱二" },
      r.cookie,
    );
    expect(again.status).toBe(409);

    const orgLogin = await login("weiqi.admin", "black white stones");
    expect(orgLogin.headers.get("Location")).toBe("/portal");
    const orgCookie = sessionCookieOf(orgLogin)!;
    const invite = await post("/portal/users", { username: "weiqi.clerk", displayName: "孙立" }, orgCookie);
    expect(invite.status).toBe(200);
    await post(linkIn(await invite.text()), { password: "go board nineteen", confirm: "go board nineteen" });
    const clerk = await login("weiqi.clerk", "go board nineteen");
    const clerkCookie = sessionCookieOf(clerk)!;
    const [row] = await db.select().from(users).where(eq(users.username, "weiqi.clerk"));
    expect(row!.orgId).toBe(org.id);
    expect(row!.isOrgAdmin).toBe(false);
    // A colleague who is not the administrator cannot manage accounts.
    expect((await get("/portal/users", clerkCookie)).status).toBe(404);
    expect(
      (await post("/portal/users", { username: "weiqi.x", displayName: "某" }, clerkCookie)).status,
    ).toBe(404);
  });

  it("a city registrar reads a district organization's page read-only and cannot open its accounts; a district registrar cannot see the city's", async () => {
    await ensureAuthority(db, {
      code: "159901",
      name: "示范市东湖区民政局",
      level: "district",
      parentCode: "159900",
    });
    const districtId = await ensureAuthority(db, { code: "159901", name: "示范市东湖区民政局" });
    const districtOrg = (await insertOrgs(db, [{ name: "东湖区书画协会", authorityCode: "159901" }]))[0]!;
    const city = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: cityId })).id,
      clock,
    );
    const district = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: districtId })).id,
      clock,
    );
    const page = await get(`/registrar/orgs/${districtOrg.uscc}`, city.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("本机关只能查看，不能办理");
    expect(html).not.toContain("开设单位管理员账号");
    const refused = await post(
      `/registrar/orgs/${districtOrg.uscc}/accounts`,
      { username: "shuhua.admin", displayName: "吴用" },
      city.cookie,
    );
    expect(refused.status).toBe(403);
    expect((await db.select().from(users).where(eq(users.username, "shuhua.admin"))).length).toBe(0);
    expect((await get(`/registrar/orgs/${org.uscc}`, district.cookie)).status).toBe(404);
    expect((await get(`/registrar/orgs/${districtOrg.uscc}`, district.cookie)).status).toBe(200);
  });

  it("two managers acting on the same account: the second is told it changed, and nothing of theirs is written", async () => {
    const orgAdmin = await createUser(db, { role: "org", orgId: org.id, isOrgAdmin: true });
    const colleague = await createUser(db, { role: "org", orgId: org.id, isOrgAdmin: false });
    const [target] = await db.select().from(users).where(eq(users.id, colleague.id));
    // Another manager changes the account after this one read it.
    await db
      .update(users)
      .set({ version: target!.version + 1 })
      .where(eq(users.id, colleague.id));
    const r = await setDisabled(
      db,
      { userId: orgAdmin.id, username: orgAdmin.username, role: "org", ip: null },
      target!,
      true,
      target!.version,
      clock,
    );
    expect(r).toEqual({ kind: "stale" });
    expect((await db.select().from(users).where(eq(users.id, colleague.id)))[0]!.status).toBe("active");
    expect(await actions()).not.toContain("account.disabled");
  });

  it("disabling ends the account's sessions at once and it cannot log in; re-enabling restores it", async () => {
    const orgAdmin = await createUser(db, { role: "org", orgId: org.id, isOrgAdmin: true });
    const colleague = await createUser(db, {
      role: "org",
      orgId: org.id,
      isOrgAdmin: false,
      username: "colleague",
    });
    const a = await signIn(db, orgAdmin.id, clock);
    const c = await signIn(db, colleague.id, clock);
    expect((await get("/portal", c.cookie)).status).toBe(200);
    const res = await post(
      `/portal/users/${colleague.id}/disable`,
      { version: String(colleague.version) },
      a.cookie,
    );
    expect(res.status).toBe(303);
    expect((await get("/portal", c.cookie)).status).toBe(302);
    expect((await login("colleague")).status).toBe(403);
    // A stale version is refused with a message, nothing changes.
    const stale = await post(
      `/portal/users/${colleague.id}/enable`,
      { version: String(colleague.version) },
      a.cookie,
    );
    expect(stale.headers.get("Location")).toBe("/portal/users?done=stale");
    const enable = await post(
      `/portal/users/${colleague.id}/enable`,
      { version: String(colleague.version + 1) },
      a.cookie,
    );
    expect(enable.headers.get("Location")).toBe("/portal/users?done=enabled");
    expect((await login("colleague")).status).toBe(303);
    // Nobody disables themselves here.
    expect((await post(`/portal/users/${orgAdmin.id}/disable`, { version: "1" }, a.cookie)).status).toBe(404);
  });
});

describe("protection on every request", () => {
  it("refuses a cross-origin form POST (CSRF) before anything happens", async () => {
    await createUser(db, { role: "admin", username: "csrf.target" });
    const res = await app().request("/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ username: "csrf.target", password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(await actions()).toEqual([]);
  });

  it("sends a strict CSP and the other security headers on every page", async () => {
    const res = await get("/login");
    const csp = res.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("same-origin");
  });

  it("answers anonymous API calls to protected routes with 401 JSON and pages with a login redirect", async () => {
    const api = await get("/api/v1/me");
    expect(api.status).toBe(401);
    expect((await api.json()).error.code).toBe("unauthenticated");
    const page = await get("/registrar/orgs?q=协会");
    expect(page.status).toBe(302);
    const next = new URL(page.headers.get("Location")!, "http://localhost").searchParams.get("next");
    expect(next).toBe(`/registrar/orgs?q=${encodeURIComponent("协会")}`);
  });
});

describe("audit log", () => {
  it("records logins, failures and account changes in a chain that audit:verify checks, and names a tampered row", async () => {
    const admin = await createUser(db, { role: "admin", username: "auditor" });
    await login("auditor", "wrong-password-1");
    await login("auditor");
    const { cookie } = await signIn(db, admin.id, clock);
    await post("/admin/supervisor-units", { name: "示范市科学技术协会" }, cookie);
    expect(await actions()).toEqual(["auth.login_failed", "auth.login", "supervisor_unit.create"]);
    const [failed] = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login_failed"));
    expect(failed!.ip).toBe(null);
    expect(JSON.stringify(failed!.summary)).not.toContain("wrong-password-1");
    expect((await verifyAuditChain(db)).firstBroken).toBeNull();

    await db.run(sql`UPDATE audit_events SET actor_username = 'someone-else' WHERE action = 'auth.login'`);
    const report = await verifyAuditChain(db);
    expect(report.firstBroken?.id).toBe(2);
    const page = await (await get("/admin/audit?verify=1", cookie)).text();
    expect(page).toContain("审计链校验未通过：第 2 条记录");
  });

  it("administrators filter the log by user, organization, action and dates, with refusals for bad filters", async () => {
    const admin = await createUser(db, { role: "admin", username: "auditor" });
    const { cookie } = await signIn(db, admin.id, clock);
    await login("nobody-here", "wrong-password");
    await login("auditor");
    const byUser = await (await get("/admin/audit?username=auditor", cookie)).text();
    expect(byUser).toContain("登录");
    expect(byUser).not.toContain("nobody-here");
    const byAction = await (await get("/admin/audit?action=auth.", cookie)).text();
    expect(byAction).toContain("nobody-here");
    const bad = await get("/admin/audit?from=2026-13-01&org=123", cookie);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("这个日期不存在。");
    expect(html).toContain("统一社会信用代码有误");
  });

  it("a registrar sees its organization's trail on the organization's page", async () => {
    const registrar = await createUser(db, { role: "registrar", authorityId: cityId });
    const r = await signIn(db, registrar.id, clock);
    await post(
      `/registrar/orgs/${org.uscc}/accounts`,
      { username: "trail.admin", displayName: "周一" },
      r.cookie,
    );
    const page = await (await get(`/registrar/orgs/${org.uscc}`, r.cookie)).text();
    expect(page).toContain("开设账号");
    expect(page).toContain("trail.admin");
  });
});
