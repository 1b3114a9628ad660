import { existsSync } from "node:fs";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromium);
if (!hasChromium && process.env.CI !== "true" && !process.env.BROWSER_SKIP_NOTED) {
  // The config is evaluated once per project and worker: say it once.
  process.env.BROWSER_SKIP_NOTED = "1";
  console.log(
    `Browser suite skipped: no Chromium at ${chromium} (apt-get install -y chromium fonts-noto-cjk).`,
  );
}

const SQLD_PORT = Number(process.env.SQLD_PORT ?? 18187);
const hasSqld = existsSync(process.env.SQLD_BINARY ?? ".tools/sqld");

const jsx = { jsx: { runtime: "automatic" as const, importSource: "hono/jsx" } };

export default defineConfig({
  test: {
    projects: [
      { oxc: jsx, test: { name: "unit", include: ["test/unit/**/*.test.{ts,tsx}"], environment: "node" } },
      {
        oxc: jsx,
        test: {
          name: "service",
          include: ["test/service/**/*.test.{ts,tsx}"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        oxc: jsx,
        test: {
          name: "http",
          include: ["test/http/**/*.test.{ts,tsx}"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      ...(hasChromium || process.env.CI === "true"
        ? [
            {
              oxc: jsx,
              test: {
                name: "browser",
                include: ["test/browser/**/*.test.ts"],
                environment: "node",
                testTimeout: 120_000,
                hookTimeout: 180_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
      {
        oxc: jsx,
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // A real libSQL server for the Worker to talk to (test/worker/sqld-setup.ts), when the binary is here.
            miniflare: { bindings: { SQLD_URL: hasSqld ? `http://127.0.0.1:${SQLD_PORT}` : "" } },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["test/worker/sqld-setup.ts"],
        },
      },
    ],
  },
});
