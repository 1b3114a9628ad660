import { loadConfig } from "../config";
import { migrateDatabase, openNodeDatabase } from "../node-db";

/** Applies migrations to DATABASE_URL (a file, or a Turso database before `wrangler deploy`). */
const config = loadConfig(process.env);
const { db, client } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
await migrateDatabase(db);
client.close();
console.log(`Migrations applied to ${config.databaseUrl.replace(/\?.*$/, "")}`);
