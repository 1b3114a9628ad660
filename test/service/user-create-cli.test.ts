import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** `npm run user:create -- --role admin --username NAME` makes a production install's first administrator. */
const dir = mkdtempSync(join(tmpdir(), "user-create-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/user-create.ts", ...args], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(dir, "r.db")}`,
      APP_ENV: "production",
      PERSON_KEY: "a-production-key-of-at-least-32-characters",
      PUBLIC_ORIGIN: "https://shetuan.example.gov.cn",
    },
    encoding: "utf8",
  });

describe("user:create", () => {
  it("creates a pending administrator and prints a one-time activation link on the configured origin", () => {
    const r = run("--role", "admin", "--username", "First.Admin", "--name", "首任管理员");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Created admin account "first.admin"');
    expect(r.stdout).toMatch(/https:\/\/shetuan\.example\.gov\.cn\/activate\/[0-9a-f]{32}\.[0-9a-f]{64}/);
  });

  it("refuses a taken name, a bad name and an unknown authority with exit code 2", () => {
    expect(run("--role", "admin", "--username", "first.admin").status).toBe(2);
    const bad = run("--role", "admin", "--username", "张三");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("用户名为 3 到 40 位");
    const noAuth = run("--role", "registrar", "--username", "reg.one", "--authority", "999999");
    expect(noAuth.status).toBe(2);
    expect(noAuth.stderr).toContain("--authority");
  });
});
