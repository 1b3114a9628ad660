/** npm run registry:import -- FILE.csv — imports a bureau's register into DATABASE_URL (see README). */
import { readFileSync } from "node:fs";
import { cliActor } from "../audit/audit";
import { loadConfig } from "../config";
import { migrateDatabase, openNodeDatabase } from "../node-db";
import { decodeCsvBytes } from "../registry/csv-text";
import { importRegisterCsv } from "../registry/import";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run registry:import -- FILE.csv");
  process.exit(2);
}
let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (err) {
  console.error(`无法读取文件 ${file}：${(err as Error).message}`);
  process.exit(2);
}
// The file's encoding is detected and converted (UTF-8 with or without BOM, GBK/GB18030, UTF-16); anything else is
// refused before the database is opened, so nothing is written.
const decoded = decodeCsvBytes(bytes);
if (!decoded.ok) {
  console.error(`${file}：${decoded.message}`);
  process.exit(1);
}
if (decoded.encoding !== "UTF-8") console.log(`${file}：按 ${decoded.encoding} 编码读取并转换。`);
const config = loadConfig(process.env);
const { db, client } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
await migrateDatabase(db);
const report = await importRegisterCsv(db, decoded.text, cliActor("registry:import"));
client.close();
for (const e of report.errors) console.error(`第${e.line}行：${e.reason}`);
for (const w of report.warnings) console.warn(`第${w.line}行（已导入，请核实）：${w.reason}`);
if (report.resumed) {
  console.log(
    `Finished what an earlier run left: ${report.resumed.sealedEvents} audit events sealed, ` +
      `${report.resumed.linkedOrganizations} organizations linked to their supervisor unit.`,
  );
}
console.log(
  `${report.rows} rows: ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged, ` +
    `${report.errors.length} refused, ${report.warnings.length} imported with a warning; ` +
    `${report.authoritiesCreated} authorities created.`,
);
process.exit(report.errors.length ? 1 : 0);
