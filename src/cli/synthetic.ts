/**
 * npm run db:synthetic -- --orgs N [--seed S]
 * Fills DATABASE_URL with N realistic organizations spread over 200 fictional authorities, for benchmarks.
 * Multi-row INSERTs inside one transaction per chunk keep it fast and memory flat. Refuses a non-empty register.
 */
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { address, organizationName, personName } from "../../db/seed/names";
import { createRandom } from "../../db/seed/random";
import { loadConfig } from "../config";
import { issueUscc } from "../domain/uscc";
import { migrateDatabase, openNodeDatabase } from "../node-db";
import { nameTokens } from "../registry/grams";

const { values } = parseArgs({
  options: { orgs: { type: "string" }, seed: { type: "string", default: "7" } },
});
const total = Number(values.orgs);
if (!Number.isInteger(total) || total < 1) {
  console.error("Usage: npm run db:synthetic -- --orgs N (N ≥ 1)");
  process.exit(2);
}
const config = loadConfig(process.env);
const { client, db } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
await migrateDatabase(db);
const existing = await client.execute("SELECT count(*) AS n FROM organizations");
if (Number(existing.rows[0]!.n) > 0) {
  console.error(
    `${config.databaseUrl} already has ${existing.rows[0]!.n} organizations: use an empty database.`,
  );
  process.exit(1);
}
await client.execute("PRAGMA synchronous=OFF");

const rnd = createRandom(Number(values.seed));
const AUTHORITIES = 200;
const DISTRICTS = [
  "东湖区",
  "西山区",
  "南河区",
  "北岭区",
  "青川县",
  "白水县",
  "金沙区",
  "红石区",
  "云台区",
  "长宁县",
];
const setup = await client.transaction("write");
for (let a = 0; a < AUTHORITIES; a++) {
  const code = String(160000 + a);
  await setup.execute({
    sql: "INSERT INTO authorities (code, name, region_code, level) VALUES (?, ?, ?, ?)",
    args: [code, `第${a + 1}测试区民政局`.replace("第", "合成"), code, "district"],
  });
}
await setup.commit();
const authorityIds = (
  await client.execute("SELECT id, code FROM authorities WHERE code >= '160000' ORDER BY code")
).rows.map((r) => ({ id: Number(r.id), code: String(r.code) }));

const started = performance.now();
const sequences = new Map<string, number>();
const CHUNK = 20_000;
const ROWS_PER_INSERT = 1_000;
const types = ["social_group", "private_non_enterprise", "foundation"] as const;
for (let done = 0; done < total; ) {
  const n = Math.min(CHUNK, total - done);
  const tx = await client.transaction("write");
  for (let k = 0; k < n; k += ROWS_PER_INSERT) {
    const m = Math.min(ROWS_PER_INSERT, n - k);
    const orgArgs: (string | number)[] = [];
    const gramArgs: (string | number)[] = [];
    for (let j = 0; j < m; j++) {
      const id = done + k + j + 1;
      const a = authorityIds[rnd.int(0, AUTHORITIES - 1)]!;
      const roll = rnd.next();
      const type = roll < 0.05 ? types[2] : roll < 0.6 ? types[0] : types[1];
      const district = rnd.pick(DISTRICTS);
      // The id keeps names unique within an authority at any scale.
      const name = `${organizationName(rnd, type, district).name}（${id}）`;
      const key = `${a.code}|${type}`;
      const seq = (sequences.get(key) ?? 0) + 1;
      sequences.set(key, seq);
      const registeredOn = `${rnd.int(2000, 2026)}-${String(rnd.int(1, 12)).padStart(2, "0")}-${String(rnd.int(1, 28)).padStart(2, "0")}`;
      const s = rnd.next();
      const status =
        s < 0.06 ? "deregistered" : s < 0.09 ? "revoked" : s < 0.092 ? "license_revoked" : "active";
      orgArgs.push(id, issueUscc(a.code, type, seq), name, type, status, registeredOn, a.id, registeredOn);
      orgArgs.push(
        personName(rnd),
        address(rnd, "示例市", district),
        type === "foundation" ? 200_000_000 : 3_000_000,
      );
      const t = nameTokens(name);
      gramArgs.push(id, t.uni, t.bi);
    }
    await tx.execute({
      sql: `INSERT INTO organizations (id, uscc, name, type, status, status_on, authority_id, registered_on, legal_representative, address, capital_fen) VALUES ${Array(m).fill("(?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
      args: orgArgs,
    });
    await tx.execute({
      sql: `INSERT INTO org_name_grams (rowid, uni, bi) VALUES ${Array(m).fill("(?,?,?)").join(",")}`,
      args: gramArgs,
    });
  }
  await tx.commit();
  done += n;
  const secs = (performance.now() - started) / 1000;
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  process.stdout.write(
    `\r${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} organizations, ${secs.toFixed(1)} s, RSS ${rss} MiB`,
  );
}
await client.execute("INSERT INTO org_name_grams (org_name_grams) VALUES ('optimize')");
await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
client.close();
const secs = (performance.now() - started) / 1000;
const file = config.databaseUrl.startsWith("file:") ? config.databaseUrl.slice(5) : null;
const size = file ? `${(statSync(file).size / 1024 / 1024).toFixed(0)} MiB` : "n/a";
console.log(
  `\nDone: ${total.toLocaleString("en-US")} organizations in ${secs.toFixed(1)} s (${Math.round(total / secs).toLocaleString("en-US")}/s), database ${size}.`,
);
