/** npm run registry:import -- FILE.csv — imports a bureau's register into DATABASE_URL (see README). */
import { readFileSync } from "node:fs";
import { cliActor } from "../audit/audit";
import { loadConfig } from "../config";
import { migrateDatabase, openNodeDatabase } from "../node-db";
import { importRegisterCsv } from "../registry/import";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run registry:import -- FILE.csv");
  process.exit(2);
}
const config = loadConfig(process.env);
const { db, client } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
await migrateDatabase(db);
const report = await importRegisterCsv(db, readFileSync(file, "utf8"), cliActor("registry:import"));
client.close();
for (const e of report.errors) console.error(`第${e.line}行：${e.reason}`);
console.log(
  `${report.rows} rows: ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged, ` +
    `${report.errors.length} refused; ${report.authoritiesCreated} authorities created.`,
);
process.exit(report.errors.length ? 1 : 0);
