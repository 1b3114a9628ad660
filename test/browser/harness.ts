/**
 * Browser-test harness: starts the app the way the README does (the Node entry, a fresh file database, the demo
 * city seeded) on a free 127.0.0.1 port, and drives Debian's Chromium through playwright-core (which never
 * downloads a browser). Screenshots go to test-results/ so a person can look at them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed (for assertions and for debugging a failure). */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "registry-browser-"));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(join("node_modules", ".bin", "tsx"), ["src/server.ts"], {
    env: {
      ...process.env,
      APP_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dataDir, "registry.db")}`,
      DATA_DIR: dataDir,
      PUBLIC_ORIGIN: baseUrl,
      SEED_DEMO: "1",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      // detached: the child leads its own process group (tsx and the node it starts): end them all.
      process.kill(-child.pid!, signal);
    } catch {}
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup("SIGTERM");
      const timer = setTimeout(() => killGroup("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`server exited (${child.exitCode}) before it listened:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer /healthz within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, dataDir, output: () => output, stop };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

/** Saves a full-page screenshot to test-results/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync("test-results", { recursive: true });
  const path = join("test-results", `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collects console errors (CSP violations show up here) for a page. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return errors;
}

/**
 * For a test file: starts the app and Chromium before its tests and stops both after them. The returned object's
 * fields are filled in by the time the tests run.
 */
export function useServerAndBrowser(opts: { env?: Record<string, string> } = {}) {
  const ctx = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    ctx.server = await startServer(opts);
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** Signs in through the login form as a demo account and waits to leave /login. */
export async function signInAs(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => u.pathname !== "/login");
}

/** When the page scrolls sideways at the current width, the elements that stick out (outside any scroll container). */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (wide <= window.innerWidth) return [];
    return [...document.querySelectorAll("body *")]
      .filter(
        (el) => !el.closest(".table-scroll") && el.getBoundingClientRect().right > window.innerWidth + 0.5,
      )
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 5);
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * WCAG 2.1 A and AA violations on the page as axe-core finds them, one line each ("rule: target"). The engine is
 * evaluated through the DevTools protocol, which the page's CSP does not govern, so the page is tested as served.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  return result.violations.flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id}: ${n.target.join(" ")}`));
}

/**
 * Internal names a reader must never see (enum values, column and action names); grown as they are found. Matched as
 * whole ASCII words in the page's visible text.
 */
export const INTERNAL_NAMES = [
  "social_group",
  "private_non_enterprise",
  "foundation",
  "not_filed",
  "concluded",
  "published",
  "submitted",
  "returned",
  "pending",
  "abnormal",
  "serious",
  "candidate",
  "undefined",
  "null",
  "NaN",
  "true",
  "false",
  "auditBeforeChange",
  "registrar",
  "supervisor",
] as const;

/** The internal names that appear as words in the page's visible text. */
export async function internalNamesShown(page: Page): Promise<string[]> {
  // Code samples (the open-data contract's field values) are exempt: they are shown as code, with their meaning.
  const text = await page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll("code, pre, kbd, script, style")) el.remove();
    document.body.append(copy);
    copy.style.position = "absolute";
    const t = copy.innerText;
    copy.remove();
    return t;
  });
  // A word of its own: not part of a username like demo-registrar or an address like a@b.cn.
  return INTERNAL_NAMES.filter((n) => new RegExp(`(^|[^A-Za-z0-9_.@-])${n}($|[^A-Za-z0-9_@-])`).test(text));
}

/** Copy errors a reader trips on (a word doubled, doubled punctuation); grown as they are found. */
export const COPY_ERRORS = ["年度年度", "。。", "，，", "：："] as const;

/** The copy errors in the page's visible text. */
export async function copyErrorsShown(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return COPY_ERRORS.filter((e) => text.includes(e));
}
