import { type SQL, sql } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import { type BatchItem, type Db, isStaleWrite, runBatch, staleGuard } from "../db";
import { sealAuditChain } from "./chain";
import { requestIp } from "./request-context";

/** Who acts. `role` is "public", "system", "cli" or an account role (org, supervisor, registrar, admin). */
export interface Actor {
  userId: number | null;
  username: string | null;
  role: string;
  ip: string | null;
}

export const systemActor = (label = "system"): Actor => ({
  userId: null,
  username: label,
  role: "system",
  ip: null,
});
export const cliActor = (command: string): Actor => ({
  userId: null,
  username: command,
  role: "cli",
  ip: null,
});

export interface AuditInput {
  action: string;
  objectType?: string;
  objectId?: string | number;
  orgId?: number | null;
  summary?: Record<string, unknown>;
}

/**
 * The organization an event concerns when its writer did not name one but the object leads to it: an organization
 * named by its 统一社会信用代码 (created in the same batch by an import), or a registration application (准予成立登记
 * links the application to the organization it creates in the same batch). Read when the event is inserted, after
 * the batch's earlier statements.
 */
function orgIdOf(event: AuditInput): number | SQL | null {
  if (event.orgId != null) return event.orgId;
  const id = event.objectId === undefined ? "" : String(event.objectId);
  if (event.objectType === "organization" && /^[0-9A-Z]{18}$/.test(id))
    return sql`(SELECT id FROM organizations WHERE uscc = ${id})`;
  if (event.objectType === "application" && /^\d+$/.test(id))
    return sql`(SELECT org_id FROM registration_applications WHERE id = ${Number(id)})`;
  return null;
}

/**
 * The insert that records one audit event; put it in the same batch as the change it records. Who (the actor), what
 * (action, object), which organization (orgIdOf), when (the row's time) and from where: the actor's address, or the
 * address of the request being served (request-context.ts) when the actor was built without one.
 */
export function auditStatement(db: Db, actor: Actor, event: AuditInput): BatchItem {
  return db.insert(auditEvents).values({
    actorUserId: actor.userId,
    actorUsername: actor.username,
    actorRole: actor.role,
    ip: actor.ip ?? requestIp(),
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId === undefined ? null : String(event.objectId),
    orgId: orgIdOf(event),
    summary: event.summary ?? null,
  });
}

/**
 * Writes a change and its audit event(s) atomically, then seals the audit chain.
 * Every state change in the app goes through here.
 */
export async function commitWithAudit(
  db: Db,
  actor: Actor,
  changes: BatchItem[],
  events: AuditInput | AuditInput[],
): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  await runBatch(db, [...changes, ...list.map((e) => auditStatement(db, actor, e))]);
  await sealAuditChain(db);
}

/**
 * Commits a version-checked change: `guarded` are the statements whose WHERE names the version read (the last of
 * them the UPDATE the stale-write guard checks), then the guard, the `rest` of the batch and the audit event(s).
 * Answers "stale", with nothing written, when the guarded update touched nothing: someone else changed the row first.
 */
export async function commitVersioned(
  db: Db,
  actor: Actor,
  guarded: BatchItem[],
  rest: BatchItem[],
  events: AuditInput | AuditInput[],
): Promise<"done" | "stale"> {
  try {
    await commitWithAudit(db, actor, [...guarded, staleGuard(db), ...rest], events);
    return "done";
  } catch (e) {
    if (isStaleWrite(e)) return "stale";
    throw e;
  }
}
