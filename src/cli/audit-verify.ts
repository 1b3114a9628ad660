import { verifyAuditChain } from "../audit/chain";
import { loadConfig } from "../config";
import { openNodeDatabase } from "../node-db";

/** Walks the audit hash chain; exits 1 naming the first broken event. */
const config = loadConfig(process.env);
const { db, client } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
const report = await verifyAuditChain(db);
client.close();
if (report.firstBroken) {
  console.error(
    `Audit chain BROKEN at event #${report.firstBroken.id}: ${report.firstBroken.reason} (${report.checked} events verified before it).`,
  );
  process.exit(1);
}
console.log(
  `Audit chain intact: ${report.checked} events verified${report.unsealed ? `, ${report.unsealed} not yet sealed` : ""}.`,
);
