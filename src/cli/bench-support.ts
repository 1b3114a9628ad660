/**
 * What the benchmarks share: starting a server the way `npm start` does on a free port, two load generators (Node's
 * http with keep-alive, and wrk when installed) and the server's CPU time per request (Linux /proc), plus tables.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
export const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The server started as `npm start` would (no seeding), on a free port; resolves once it answers /healthz. */
export interface Server {
  base: string;
  pid: number;
  stop: () => void;
}

export async function startServer(
  url: string,
  script = "src/server.ts",
  env: Record<string, string> = {},
): Promise<Server> {
  const port = await freePort();
  // Node itself (not npx) so that `pid` is the server's own process, whose CPU time cpuMs() reads.
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      SEED_DEMO: "0",
      APP_ENV: "production",
      JOBS_DAILY_AT: "off",
      // Production requires a key for identity numbers; the synthetic register holds none worth protecting.
      PERSON_KEY: process.env.PERSON_KEY ?? "bench-only-person-key-0123456789abcdef",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {}
  };
  const base = `http://127.0.0.1:${port}`;
  for (let t = 0; ; t++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (t > 600) {
      stop();
      throw new Error("server did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, pid: child.pid!, stop };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
}

/**
 * Node load generator: `connections` keep-alive connections (node:http, lighter than fetch, which matters when it
 * shares two cores with the server), each sending its next request as soon as the previous answer is read.
 */
export async function nodeLoad(
  base: string,
  paths: string[],
  seconds: number,
  connections = 50,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(base);
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ hostname, port, path, agent }, (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  const latencies: number[] = [];
  let errors = 0;
  let k = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const status = await get(paths[k++ % paths.length]!);
        if (status !== 200) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(latencies.length / elapsed),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    requests: latencies.length,
  };
}

const WRK_SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[((i - 1) % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\\n", latency:percentile(95)))
end
`;

/** The same paths with wrk (one thread, `connections` connections), when wrk is installed; null otherwise. */
export function wrkLoad(base: string, paths: string[], seconds: number, connections = 50): LoadResult | null {
  if (spawnSync("wrk", ["--version"]).error) return null;
  const dir = mkdtempSync(join(tmpdir(), "bench-wrk-"));
  try {
    writeFileSync(join(dir, "paths.txt"), `${paths.join("\n")}\n`);
    writeFileSync(join(dir, "paths.lua"), WRK_SCRIPT);
    const r = spawnSync(
      "wrk",
      ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", join(dir, "paths.lua"), base],
      { env: { ...process.env, BENCH_PATHS: join(dir, "paths.txt") }, encoding: "utf8" },
    );
    const out = r.stdout ?? "";
    const ms = (label: string) => {
      const m = out.match(new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, "m"));
      if (!m) return Number.NaN;
      return Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1);
    };
    const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? Number.NaN);
    return {
      rps: Math.round(Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? Number.NaN)),
      p50: ms("50"),
      p95: Number(out.match(/^p95_us (\d+)$/m)?.[1] ?? Number.NaN) / 1000,
      p99: ms("99"),
      errors: Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0),
      requests,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function table(header: string[], rows: string[][]) {
  const widths = header.map((h, c) => Math.max(h.length * 2, ...rows.map((r) => (r[c] ?? "").length + 2)));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

/** CPU time (user + system, ms) the process has used so far, from /proc; null where there is no /proc. */
export function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // Fields 14 and 15 of stat (utime, stime) in clock ticks, 100 per second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
