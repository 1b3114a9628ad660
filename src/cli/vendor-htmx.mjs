// Copies the htmx build from node_modules into public/vendor under a versioned name (run at npm install).
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "node_modules/htmx.org/package.json"), "utf8"));
const assets = readFileSync(join(root, "src/assets.ts"), "utf8");
const expected = /HTMX_VERSION = "([^"]+)"/.exec(assets)?.[1];
if (pkg.version !== expected) {
  console.error(
    `htmx.org ${pkg.version} is installed but src/assets.ts expects ${expected}: update HTMX_VERSION.`,
  );
  process.exit(1);
}
mkdirSync(join(root, "public/vendor"), { recursive: true });
copyFileSync(
  join(root, "node_modules/htmx.org/dist/htmx.min.js"),
  join(root, `public/vendor/htmx-${pkg.version}.min.js`),
);
console.log(`htmx ${pkg.version} → public/vendor/htmx-${pkg.version}.min.js`);
