import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import {
  accessibilityViolations,
  collectConsoleErrors,
  copyErrorsShown,
  internalNamesShown,
  overflowing,
  signInAs,
  useServerAndBrowser,
} from "./harness";

/**
 * Each role's main pages, as a first-time user meets them, at a phone's width (390 px) and a desk's (1280 px): the
 * pages its navigation links to, and the first object behind each list. On every page: no WCAG 2.1 A/AA violation
 * (axe-core), no sideways scrolling, no internal name in the text, no console error. `npm run screenshots` runs this
 * walk and keeps a picture of every page at both widths in screenshots/ (not committed).
 */
const ctx = useServerAndBrowser();
const SHOTS = process.env.SCREENSHOTS === "1";
const WIDTHS = [390, 1280] as const;

interface Stop {
  path: string;
  /** Follow the first link in the page's main content matching this, and check that page too. */
  follow?: RegExp;
  /** Follow the last matching link instead (the oldest year of a history: a filed, read-only report). */
  last?: boolean;
  /** From the followed page, follow its first link matching this too (the report's print view). */
  thenFollow?: RegExp;
}

const WALKS: { role: string; account?: string; start: Stop[] }[] = [
  {
    role: "public",
    start: [
      { path: "/" },
      { path: `/search?q=${encodeURIComponent("协会")}`, follow: /^\/orgs\/[0-9A-Z]{18}$/ },
      { path: "/announcements" },
      { path: "/credit" },
      { path: "/credit/red-list" },
      { path: "/statistics" },
      { path: "/data" },
      { path: "/apply" },
      { path: "/login" },
    ],
  },
  {
    role: "org",
    account: "demo-org",
    start: [
      { path: "/portal" },
      { path: "/portal/inspections", follow: /^\/portal\/inspections\/\d+$/ },
      // A concluded year: the report read, not a disabled form, and its printable 年度工作报告书.
      {
        path: "/portal/inspections",
        follow: /^\/portal\/inspections\/\d+$/,
        last: true,
        thenFollow: /\/print$/,
      },
      { path: "/portal/notices" },
      { path: "/portal/applications" },
      { path: "/portal/party" },
    ],
  },
  {
    role: "registrar",
    account: "demo-registrar",
    start: [
      { path: "/registrar" },
      { path: "/registrar/orgs", follow: /^\/registrar\/orgs\/[0-9A-Z]{18}$/ },
      { path: "/registrar/applications", follow: /^\/registrar\/applications\/\d+$/ },
      { path: "/registrar/inspections", follow: /^\/registrar\/inspections\/\d+$/, thenFollow: /\/print$/ },
      { path: "/registrar/credit", follow: /^\/registrar\/credit\/\d+$/ },
      { path: "/registrar/zombies" },
      { path: "/registrar/statistics" },
    ],
  },
  { role: "supervisor", account: "demo-supervisor", start: [{ path: "/supervisor" }] },
  { role: "party", account: "demo-party", start: [{ path: "/party" }, { path: "/party/cadres" }] },
  {
    role: "admin",
    account: "demo-admin",
    start: [
      { path: "/admin" },
      { path: "/admin/users" },
      { path: "/admin/audit" },
      { path: "/admin/authorities" },
      { path: "/admin/settings/creditPublicationDays" },
    ],
  },
];

/** The page's navigation and the stop's first matching link, as same-site paths. */
async function linksOf(page: Page, follow?: RegExp, last = false): Promise<{ nav: string[]; next?: string }> {
  const hrefs = await page.evaluate(() => ({
    nav: [...document.querySelectorAll("nav a[href]")].map((a) => a.getAttribute("href") ?? ""),
    main: [...document.querySelectorAll("main a[href]")].map((a) => a.getAttribute("href") ?? ""),
  }));
  const local = (h: string) =>
    h.startsWith("/") && !h.startsWith("//") && !/\.(csv|xlsx|atom|json|svg)(\?|$)/.test(h);
  const matching = follow ? hrefs.main.filter((h) => follow.test(h)) : [];
  return { nav: hrefs.nav.filter(local), next: last ? matching.at(-1) : matching[0] };
}

function slug(path: string): string {
  return (
    path
      .replace(/^\//, "")
      .replace(/[^0-9A-Za-z\u4e00-\u9fff]+/g, "-")
      .replace(/-$/, "") || "home"
  );
}

describe("every role's main pages at 390 px and 1280 px", () => {
  for (const walk of WALKS) {
    it(`${walk.role}: accessible (WCAG 2.1 AA), no sideways scroll, no internal names, no console errors`, async () => {
      const problems: string[] = [];
      const context = await ctx.browser.newContext();
      const page = await context.newPage();
      const errors = collectConsoleErrors(page);
      if (walk.account) await signInAs(page, ctx.server.baseUrl, walk.account, DEMO_PASSWORD);
      const queue: string[] = [];
      const seen = new Set<string>();
      for (const stop of walk.start) {
        await page.goto(`${ctx.server.baseUrl}${stop.path}`);
        const { nav, next } = await linksOf(page, stop.follow, stop.last);
        queue.push(stop.path, ...(next ? [next] : []));
        if (next && stop.thenFollow) {
          await page.goto(`${ctx.server.baseUrl}${next}`);
          const after = (await linksOf(page, stop.thenFollow)).next;
          if (after) queue.push(after);
          else problems.push(`${next}: no link matching ${stop.thenFollow}`);
        }
        if (stop === walk.start[0]) queue.push(...nav);
      }
      for (const link of queue) {
        const path = link.split("#")[0]!;
        if (seen.has(path) || path === "/logout") continue;
        seen.add(path);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          errors.length = 0;
          const res = await page.goto(`${ctx.server.baseUrl}${path}`);
          if (!res || res.status() >= 400) {
            problems.push(`${path} @${width}: HTTP ${res?.status()}`);
            continue;
          }
          for (const v of await accessibilityViolations(page)) problems.push(`${path} @${width}: ${v}`);
          for (const o of await overflowing(page))
            problems.push(`${path} @${width}: wider than the screen: ${o}`);
          for (const n of await internalNamesShown(page))
            problems.push(`${path} @${width}: internal name "${n}"`);
          for (const e of errors) problems.push(`${path} @${width}: console: ${e}`);
          if (SHOTS) {
            mkdirSync("screenshots", { recursive: true });
            await page.screenshot({
              path: join("screenshots", `${walk.role}-${slug(path)}-${width}.png`),
              fullPage: true,
            });
          }
        }
      }
      await context.close();
      expect(seen.size).toBeGreaterThanOrEqual(walk.start.length);
      expect(problems).toEqual([]);
    }, 300_000);
  }
});
