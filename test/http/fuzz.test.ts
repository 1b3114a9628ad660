import { writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../support/auth";
import {
  fillPath,
  ROLES,
  type Role,
  type Route,
  type RouteMatrix,
  setupRouteMatrix,
} from "../support/route-matrix";

/**
 * Hostile input against the whole route matrix: every route the app registers, as an anonymous visitor and as a
 * signed-in user of each role, with its own objects, someone else's or junk in the path, and arbitrary field names
 * and values (prototype-polluting names, huge list indices, control characters, formula-looking cells) sent as a
 * form, as multipart, as broken multipart, as JSON or with a lying Content-Type, plus arbitrary query parameters.
 * Whatever comes: never a 5xx, Object.prototype untouched, and the next ordinary request still answers 200.
 *
 * A fixed seed and a few runs per route in CI; `FUZZ_RUNS=200 npm run fuzz` (or FUZZ_SEED=…) for a long run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

let m: RouteMatrix;
beforeAll(async () => {
  m = await setupRouteMatrix();
});

const HOSTILE_NAMES = [
  "__proto__",
  "__proto__.polluted",
  "__proto__[polluted]",
  "constructor.prototype.polluted",
  "constructor[prototype][polluted]",
  "hasOwnProperty.call",
  "toString",
  "valueOf",
  "items.1000000.date",
  "items.99999999999.date",
  "items.-1.date",
  "items[1e9][kind]",
  "balance.assets",
  "finances.changeExplanations.__proto__",
  "version",
  "q",
  "page",
  "per_page",
  "year",
  "username",
  "password",
  "kind",
  "next",
];
const HOSTILE_VALUES = [
  "",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  '=HYPERLINK("http://x")',
  "+1+1",
  "@SUM(A1)",
  "-1",
  "0",
  "1e309",
  "NaN",
  "9".repeat(40),
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00",
  "' OR 1=1 --",
  '"""',
  "２０２５",
  "１，２３４．５６",
  "2025-02-30",
  "51159901M00000027M",
  "x".repeat(6000),
  "\ud800",
];

const name = fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ maxLength: 30 }));
const value = fc.oneof(
  fc.constantFrom(...HOSTILE_VALUES),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const pairs = (max: number) => fc.array(fc.tuple(name, value), { maxLength: max });
const input = fc.record({
  who: fc.constantFrom<Role | "anonymous">("anonymous", ...ROLES),
  objects: fc.constantFrom("own", "foreign", "junk"),
  junk: fc.string({ maxLength: 20 }),
  query: pairs(5),
  fields: pairs(10),
  encoding: fc.constantFrom("form", "multipart", "broken-multipart", "json", "lying-type", "none"),
});

function bodyOf(encoding: string, fields: [string, string][]): { body?: BodyInit; type?: string } {
  switch (encoding) {
    case "form":
      return { body: new URLSearchParams(fields), type: "application/x-www-form-urlencoded" };
    case "multipart": {
      const form = new FormData();
      for (const [k, v] of fields) form.append(k, v);
      form.append("file", new Blob(["%PDF-1.4 junk"], { type: "application/pdf" }), "../../x.pdf");
      return { body: form };
    }
    case "broken-multipart":
      return {
        body: `--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n${fields.map((f) => f.join("=")).join("&")}`,
        type: "multipart/form-data; boundary=XYZ",
      };
    case "json":
      return { body: JSON.stringify(Object.fromEntries(fields)), type: "application/json" };
    case "lying-type":
      return { body: "\u0000\u0001\u0002garbage", type: "multipart/form-data" };
    default:
      return {};
  }
}

async function cookieFor(who: Role | "anonymous"): Promise<string | undefined> {
  if (who === "anonymous") return undefined;
  // A fresh session each time: a fuzzed request may have signed the last one out.
  return (await signIn(m.db, m.userIds[who])).cookie;
}

function pathFor(r: Route, objects: string, junk: string): string {
  if (objects === "junk") return r.path.replace(/:([A-Za-z]+)/g, () => encodeURIComponent(junk) || "x");
  return fillPath(r.path, objects === "own" ? m.own : m.foreign);
}

describe("the requests that once took the whole service down", () => {
  for (const [label, field] of [
    ["a prototype-polluting field name", "hasOwnProperty.call"],
    ["__proto__ in a dotted path", "__proto__.polluted"],
    ["constructor.prototype in a dotted path", "constructor.prototype.polluted"],
    ["a million-row list index", "items.1000000.date"],
    ["an index beyond any integer", "items.99999999999.date"],
  ] as const) {
    for (const htmx of [false, true]) {
      it(`a report section posted with ${label}${htmx ? " (htmx)" : ""} is refused with 400, stores nothing, and the next request answers 200`, async () => {
        const cookie = (await signIn(m.db, m.userIds.org)).cookie;
        const path = `/portal/inspections/${m.own.filingId}/sections/meetings`;
        const before = await m.app.request(`/portal/inspections/${m.own.filingId}`, {
          headers: { Cookie: cookie },
        });
        const version = /name="version" value="(\d+)"/.exec(await before.text())?.[1] ?? "1";
        const res = await m.app.request(path, {
          method: "POST",
          headers: {
            Origin: "http://localhost",
            Cookie: cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            ...(htmx ? { "HX-Request": "true" } : {}),
          },
          body: new URLSearchParams([
            ["version", version],
            [field, "yes"],
            ["items.0.kind", "board"],
            ["items.0.date", "2025-03-01"],
          ]),
        });
        expect(res.status).toBe(400);
        expect(await res.text()).toContain("无法识别的字段");
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect("polluted" in {}).toBe(false);
        const [saved] = (await m.db.all(
          sql`SELECT count(*) AS n FROM inspection_sections WHERE filing_id = ${Number(m.own.filingId)} AND section = 'meetings'`,
        )) as { n: number }[];
        expect(saved!.n).toBe(0);
        expect((await m.app.request("/")).status).toBe(200);
      });
    }
  }
});

describe("fuzzing the route matrix", () => {
  it("no route answers 5xx or pollutes Object.prototype, whatever is sent, and the site still answers afterwards", async () => {
    const routes = m.routes();
    expect(routes.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const [k, r] of routes.entries()) {
      await fc
        .assert(
          fc.asyncProperty(input, async (i) => {
            const cookie = await cookieFor(i.who);
            const qs = new URLSearchParams(i.query).toString();
            const path = pathFor(r, i.objects, i.junk) + (qs ? `?${qs}` : "");
            const { body, type } = r.method === "GET" ? {} : bodyOf(i.encoding, i.fields);
            const headers: Record<string, string> = { Origin: "http://localhost" };
            if (cookie) headers.Cookie = cookie;
            if (type) headers["Content-Type"] = type;
            if (process.env.FUZZ_TRACE) {
              writeFileSync(process.env.FUZZ_TRACE, `${r.method} ${path}\n${JSON.stringify(i)}\n`);
            }
            const res = await m.app.request(path, { method: r.method, headers, body });
            let streamError: unknown = null;
            try {
              await res.arrayBuffer();
            } catch (err) {
              streamError = err;
            }
            const polluted = Object.keys(Object.prototype).length > 0 || "polluted" in {};
            if (res.status >= 500 || streamError || polluted) {
              failures.push(
                `${r.method} ${path.slice(0, 120)} [${i.who}, ${i.encoding}] → ${res.status}${streamError ? " (stream failed)" : ""}${polluted ? " (Object.prototype polluted)" : ""}`,
              );
              return false;
            }
            return true;
          }),
          { numRuns: RUNS, seed: SEED + k, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
    expect((await m.app.request("/")).status).toBe(200);
    expect((await m.app.request("/search?q=%E5%8D%8F%E4%BC%9A")).status).toBe(200);
  }, 120_000);
});
