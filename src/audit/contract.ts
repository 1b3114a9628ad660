/** What the audit log's pages receive: one event as stored (who, what, which object and organization, when, from where). */
export interface AuditEventRow {
  id: number;
  at: string;
  actorUserId: number | null;
  actorUsername: string | null;
  actorRole: string;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  /** The organization concerned, if any: registrars see their organizations' trail. */
  orgId: number | null;
  summary: Record<string, unknown> | null;
  /** The hash chain (sealed events): the previous event's hash and this one's. */
  prevHash: string | null;
  hash: string | null;
}
