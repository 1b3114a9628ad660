/** One table of audit events, read by the administrator's audit log and the registrar's organization page. */

import type { AuditEventRow } from "../../src/audit/contract";
import { actionLabel, auditSentence, OBJECT_LABELS } from "../../src/audit/labels";
import type { SessionUser } from "../../src/context";
import { ROLE_LABELS } from "../auth/pages";
import { formatDateTime } from "../components/form";
import { DataTable } from "../components/table";

/** The actor's role in words; jobs and the system act without a staff role. */
function roleWords(role: string): string {
  return ROLE_LABELS[role as SessionUser["role"]] ?? "系统";
}

export function AuditTable({ rows, orgNames }: { rows: AuditEventRow[]; orgNames?: Map<number, string> }) {
  return (
    <DataTable
      rows={rows}
      empty="没有符合条件的审计记录。"
      class="audit-table"
      columns={["编号", "时间", "操作人", "来源 IP", "操作", "对象", orgNames ? "社会组织" : null, "经过"]}
      row={(e) => (
        <tr>
          <td>{e.id}</td>
          <td>{formatDateTime(e.at)}</td>
          <td>
            {e.actorUsername ?? "—"}
            <span class="muted small"> （{roleWords(e.actorRole)}）</span>
          </td>
          <td>{e.ip ?? "—"}</td>
          <td>{actionLabel(e.action)}</td>
          <td>{e.objectType ? `${OBJECT_LABELS[e.objectType] ?? "对象"} ${e.objectId ?? ""}` : "—"}</td>
          {orgNames ? <td>{e.orgId ? (orgNames.get(e.orgId) ?? e.orgId) : "—"}</td> : null}
          <td class="small">{auditSentence(e, roleWords(e.actorRole))}</td>
        </tr>
      )}
    />
  );
}
