import { auditEvents } from "../../db/schema";
import { type BatchItem, type Db, runBatch } from "../db";
import { sealAuditChain } from "./chain";

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

/** The insert that records one audit event; put it in the same batch as the change it records. */
export function auditStatement(db: Db, actor: Actor, event: AuditInput): BatchItem {
  return db.insert(auditEvents).values({
    actorUserId: actor.userId,
    actorUsername: actor.username,
    actorRole: actor.role,
    ip: actor.ip,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId === undefined ? null : String(event.objectId),
    orgId: event.orgId ?? null,
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
