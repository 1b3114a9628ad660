/**
 * npm run user:create -- --role admin --username NAME [--name 显示名] [--authority CODE] [--unit 业务主管单位名称]
 * (`--role party`: a 党建工作审查人员 of the authority given by --authority.)
 *
 * Creates an account and prints its one-time activation link (72 hours): how a production install gets its first
 * administrator. Runs against DATABASE_URL (migrated first); the link uses PUBLIC_ORIGIN.
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { authorities, supervisorUnits } from "../../db/schema";
import { createAccount, displayNameField, type NewAccount, usernameField } from "../accounts/service";
import { cliActor } from "../audit/audit";
import { loadConfig } from "../config";
import { migrateDatabase, openNodeDatabase } from "../node-db";

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    username: { type: "string" },
    name: { type: "string" },
    authority: { type: "string" },
    unit: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const role = values.role;
if (role !== "admin" && role !== "registrar" && role !== "party" && role !== "supervisor") {
  fail(
    "--role must be admin, registrar, party or supervisor (organizations' accounts are created by their registrar).",
  );
}
const username = usernameField.safeParse(values.username ?? "");
if (!username.success) fail(`--username: ${username.error.issues[0]!.message}`);
const displayName = displayNameField.safeParse(values.name ?? values.username ?? "");
if (!displayName.success) fail(`--name: ${displayName.error.issues[0]!.message}`);

const config = loadConfig(process.env);
const { db, client } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
await migrateDatabase(db);

let binding: NewAccount = { role: "admin" };
if (role === "registrar" || role === "party") {
  const [a] = await db
    .select({ id: authorities.id })
    .from(authorities)
    .where(eq(authorities.code, values.authority ?? ""));
  if (!a) fail("--authority: give the code of an existing registration authority (登记管理机关代码).");
  binding = { role, authorityId: a.id };
}
if (role === "supervisor") {
  const [u] = await db
    .select({ id: supervisorUnits.id })
    .from(supervisorUnits)
    .where(eq(supervisorUnits.name, values.unit ?? ""));
  if (!u) fail("--unit: give the exact name of an existing supervisor unit (业务主管单位).");
  binding = { role: "supervisor", supervisorUnitId: u.id };
}

const result = await createAccount(
  db,
  cliActor("user:create"),
  { username: username.data, displayName: displayName.data, ...binding },
  new Date(),
);
client.close();
if (result.kind === "invalid") fail(Object.values(result.errors).join(" "));
console.log(`Created ${role} account "${result.username}" (pending until activated).`);
console.log(`Activation link (one use, valid until ${new Date(result.expiresAt).toISOString()}):`);
console.log(`${config.publicOrigin}${result.activationPath}`);
