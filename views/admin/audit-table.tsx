/** One table of audit events, read by the administrator's audit log and the registrar's organization page. */

import type { AuditEventRow } from "../../src/audit/contract";
import { actionLabel, auditSentence, OBJECT_LABELS } from "../../src/audit/labels";
import type { SessionUser } from "../../src/context";
import { ROLE_LABELS } from "../auth/pages";
import { formatDateTime } from "../components/form";
import { SCROLL_REGION } from "../components/table";

/** The actor's role in words; jobs and the system act without a staff role. */
function roleWords(role: string): string {
  return ROLE_LABELS[role as SessionUser["role"]] ?? "系统";
}

export function AuditTable({ rows, orgNames }: { rows: AuditEventRow[]; orgNames?: Map<number, string> }) {
  if (rows.length === 0) return <p class="empty-state">没有符合条件的审计记录。</p>;
  return (
    <div class="table-scroll" {...SCROLL_REGION}>
      <table class="audit-table">
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">来源 IP</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
            {orgNames ? <th scope="col">社会组织</th> : null}
            <th scope="col">经过</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
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
          ))}
        </tbody>
      </table>
    </div>
  );
}
