/** What the audit log's pages receive: one event as stored (who, what, which object and organization, when, from where). */
export type { AuditEventRow } from "./queries";
