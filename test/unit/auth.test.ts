import { describe, expect, it } from "vitest";
import { hashPassword, parsePasswordHash, passwordProblem, verifyPassword } from "../../src/auth/password";
import { areaOf, safeNext } from "../../src/auth/permissions";
import {
  ACCOUNT_POLICY,
  FAILURE_MEMORY_MS,
  failuresAfter,
  formatWait,
  IP_POLICY,
  waitAfterFailures,
} from "../../src/auth/throttle";
import { newToken, parseToken, secretMatches } from "../../src/auth/tokens";

const FAST = { ln: 8, r: 8, p: 1 };

describe("tokens (Lucia's recipe)", () => {
  it("are <id>.<secret> with fresh randomness each time, and only the secret's hash is kept", async () => {
    const a = await newToken();
    const b = await newToken();
    expect(a.token).toBe(`${a.id}.${a.secret}`);
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.secretHash).not.toContain(a.secret);
    expect(await secretMatches(a.secret, a.secretHash)).toBe(true);
    expect(await secretMatches(b.secret, a.secretHash)).toBe(false);
  });

  it("refuses anything not shaped like a token before any lookup", () => {
    expect(parseToken(undefined)).toBeNull();
    expect(parseToken("abc.def")).toBeNull();
    expect(parseToken(`${"a".repeat(32)}.${"b".repeat(63)}`)).toBeNull();
    expect(parseToken(`${"A".repeat(32)}.${"b".repeat(64)}`)).toBeNull();
    expect(parseToken(`${"a".repeat(32)}.${"b".repeat(64)}`)).toEqual({
      id: "a".repeat(32),
      secret: "b".repeat(64),
    });
  });
});

describe("password hashing (scrypt, parameters stored with the hash)", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const h = await hashPassword("correct horse battery", FAST);
    expect(h).toMatch(/^\$scrypt\$ln=8,r=8,p=1\$/);
    expect((await verifyPassword("correct horse battery", h, FAST)).ok).toBe(true);
    expect((await verifyPassword("correct horse batterY", h, FAST)).ok).toBe(false);
  });

  it("salts every hash, so the same password hashes differently", async () => {
    const a = await hashPassword("same password here", FAST);
    const b = await hashPassword("same password here", FAST);
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a)!.salt.length).toBe(16);
    expect(parsePasswordHash(a)!.key.length).toBe(32);
  });

  it("asks for a rehash when the current parameters differ, only after a correct password", async () => {
    const h = await hashPassword("a good long password", FAST);
    expect(await verifyPassword("a good long password", h, { ...FAST, ln: 9 })).toEqual({
      ok: true,
      needsRehash: true,
    });
    expect(await verifyPassword("a good long password", h, FAST)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword("wrong", h, { ...FAST, ln: 9 })).toEqual({ ok: false, needsRehash: false });
  });

  it("treats a malformed stored hash as a failed check, not an error", async () => {
    expect((await verifyPassword("x", "plaintext", FAST)).ok).toBe(false);
  });
});

describe("password rules", () => {
  it("needs at least 10 characters and says how many there are", () => {
    expect(passwordProblem("short1!", "zhang")).toBe("密码至少需要 10 个字符，当前只有 7 个。");
    expect(passwordProblem("社会组织年检系统登录口令", "zhang")).toBeNull();
  });

  it("refuses passwords that contain the username, in any case", () => {
    expect(passwordProblem("xx-Zhang.Wei-2026", "zhang.wei")).toBe("密码不能包含用户名。");
  });

  it("refuses common passwords, also with digits or symbols appended", () => {
    expect(passwordProblem("1234567890", "u1")).toMatch(/太常见/);
    expect(passwordProblem("qwertyuiop", "u1")).toMatch(/太常见/);
    expect(passwordProblem("Password2026!", "u1")).toMatch(/太常见/);
    expect(passwordProblem("aaaaaaaaaaaa", "u1")).toMatch(/太常见/);
    expect(passwordProblem("river-lantern-seventeen", "u1")).toBeNull();
  });
});

describe("login throttle arithmetic", () => {
  it("lets the first failures through, then waits 30 s doubling per failure, capped", () => {
    expect([1, 2, 3, 4].map((f) => waitAfterFailures(f, ACCOUNT_POLICY))).toEqual([0, 0, 0, 0]);
    expect(waitAfterFailures(5, ACCOUNT_POLICY)).toBe(30_000);
    expect(waitAfterFailures(6, ACCOUNT_POLICY)).toBe(60_000);
    expect(waitAfterFailures(7, ACCOUNT_POLICY)).toBe(120_000);
    expect(waitAfterFailures(10, ACCOUNT_POLICY)).toBe(15 * 60_000);
    expect(waitAfterFailures(1000, ACCOUNT_POLICY)).toBe(15 * 60_000);
  });

  it("allows more failures per IP than per account before waiting (offices share an address)", () => {
    expect(waitAfterFailures(19, IP_POLICY)).toBe(0);
    expect(waitAfterFailures(20, IP_POLICY)).toBe(30_000);
  });

  it("forgets failures after a quiet day", () => {
    const t = 1_000_000_000;
    expect(failuresAfter(null, t)).toBe(1);
    expect(failuresAfter({ failures: 7, lastFailureAt: t - 1000 }, t)).toBe(8);
    expect(failuresAfter({ failures: 7, lastFailureAt: t - FAILURE_MEMORY_MS - 1 }, t)).toBe(1);
  });

  it("says the wait in minutes and seconds, rounded up", () => {
    expect(formatWait(30_000)).toBe("30 秒");
    expect(formatWait(29_001)).toBe("30 秒");
    expect(formatWait(120_000)).toBe("2 分钟");
    expect(formatWait(200_000)).toBe("3 分 20 秒");
  });
});

describe("route areas and the next parameter", () => {
  it("maps URL areas to roles by whole path segments", () => {
    expect(areaOf("/portal")).toBe("org");
    expect(areaOf("/portal/users")).toBe("org");
    expect(areaOf("/portalx")).toBeNull();
    expect(areaOf("/registrar/orgs/X")).toBe("registrar");
    expect(areaOf("/account/password")).toBe("signed-in");
    expect(areaOf("/orgs/X")).toBeNull();
  });

  it("follows only same-site paths", () => {
    expect(safeNext("/portal/users?x=1")).toBe("/portal/users?x=1");
    expect(safeNext("https://evil.example/")).toBeNull();
    expect(safeNext("//evil.example/")).toBeNull();
    expect(safeNext("/\\evil.example")).toBeNull();
    expect(safeNext("/a\r\nSet-Cookie: x")).toBeNull();
    expect(safeNext("")).toBeNull();
  });
});
