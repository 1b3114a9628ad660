import { type InspectionState, inspectionStateLabel } from "../../../src/domain/inspection-workflow";
import type { CheckSeverity } from "../../../src/domain/prechecks";
import { CONCLUSION_LABELS, type Conclusion } from "../../../src/domain/workflow";
import type { Notice } from "../../../src/inspection/contract";
import { formatDateTime } from "../../components/form";
import { EmptyState } from "../../components/table";

const STATE_TAG: Record<InspectionState, "ok" | "stop" | "warn" | "neutral"> = {
  draft: "neutral",
  submitted: "warn",
  pre_review: "warn",
  returned: "stop",
  supervisor_review: "warn",
  registrar_review: "warn",
  concluded: "ok",
  published: "ok",
  not_filed: "stop",
};

export function StateTag({ state }: { state: InspectionState }) {
  return <span class={`tag ${STATE_TAG[state]}`}>{inspectionStateLabel(state)}</span>;
}

/** A pre-check's weight (R-C5): 必须修改 blocks the filing; a warning travels with it (its word differs by reader). */
export function CheckTag({ severity, warning = "请注意" }: { severity: CheckSeverity; warning?: string }) {
  return (
    <span class={`tag ${severity === "block" ? "stop" : "warn"}`}>
      {severity === "block" ? "必须修改" : warning}
    </span>
  );
}

export function ConclusionTag({ conclusion }: { conclusion: Conclusion | "not_filed" | null }) {
  if (!conclusion) return <span class="muted">—</span>;
  if (conclusion === "not_filed") return <span class="tag stop">未参检</span>;
  const cls = conclusion === "qualified" ? "ok" : conclusion === "basically_qualified" ? "warn" : "stop";
  return <span class={`tag ${cls}`}>{CONCLUSION_LABELS[conclusion]}</span>;
}

/** "3 天" / "5 小时" since an ISO instant. */
export function waited(since: string, now: Date): string {
  const ms = now.getTime() - Date.parse(since);
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 24) return `${Math.max(hours, 0)} 小时`;
  return `${Math.floor(hours / 24)} 天`;
}

/** In-app notices: newest first, unread marked; "标为已读" works as a plain form and swaps in place with htmx. */
export function NoticeList({ notices, base }: { notices: Notice[]; base: string }) {
  if (notices.length === 0) return <EmptyState>暂无通知。</EmptyState>;
  const unread = notices.filter((n) => !n.readAt).length;
  return (
    <>
      {unread > 1 ? (
        <form method="post" action={`${base}/notices/read-all`} class="inline-form">
          <button type="submit" class="link-button">
            全部标为已读（{unread} 条）
          </button>
        </form>
      ) : null}
      <ul class="notices" id="notice-list">
        {notices.map((n) => (
          <NoticeItem notice={n} base={base} />
        ))}
      </ul>
    </>
  );
}

export function NoticeItem({ notice: n, base }: { notice: Notice; base: string }) {
  return (
    <li id={`notice-${n.id}`} class={n.readAt ? "notice-read" : "notice-unread"}>
      {n.readAt ? null : <span class="tag warn">未读</span>} <a href={n.href}>{n.text}</a>{" "}
      <span class="muted small">{formatDateTime(n.createdAt)}</span>
      {n.readAt ? null : (
        <form
          method="post"
          action={`${base}/notices/${n.id}/read`}
          class="inline-form"
          hx-post={`${base}/notices/${n.id}/read`}
          hx-target={`#notice-${n.id}`}
          hx-swap="outerHTML"
        >
          <button type="submit" class="link-button">
            标为已读
          </button>
        </form>
      )}
    </li>
  );
}

/** The few newest unread notices at the top of a reviewer's page. */
export function NoticeBanner({ notices, base }: { notices: Notice[]; base: string }) {
  const unread = notices.filter((n) => !n.readAt);
  if (unread.length === 0) return null;
  return (
    <aside class="notice" aria-label="站内通知">
      <p>
        您有 {unread.length} 条未读通知。<a href={`${base}/notices`}>查看全部通知</a>
      </p>
      <ul>
        {unread.slice(0, 3).map((n) => (
          <li>
            <a href={n.href}>{n.text}</a>
          </li>
        ))}
      </ul>
    </aside>
  );
}
