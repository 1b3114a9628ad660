import { formatFen } from "../../../src/domain/money";
import type { RuleProblem } from "../../../src/domain/registration";
import { DIRECT_CATEGORY_LABELS } from "../../../src/domain/registration";
import { type ApplicationState, applicationStateLabel } from "../../../src/domain/registration-workflow";
import type {
  ApplicationEventView,
  ApplicationOrg,
  ApplicationView,
} from "../../../src/registration/contract";
import { TYPE_LABELS } from "../../../src/registry/labels";
import { cnDate } from "../../components/dates";
import { formatDateTime } from "../../components/form";
import { APPLICATION_FIELD_LABELS } from "./shared";

/**
 * Machine checks beside the form: blocks stop submission, warnings travel with the application. Filers read this
 * panel, so it speaks in sentences, without the rule ids the checks carry.
 */
export function ProblemsPanel({ problems }: { problems: RuleProblem[] }) {
  const blocks = problems.filter((x) => x.level === "block");
  const warnings = problems.filter((x) => x.level === "warning");
  return (
    <section id="checks" class="panel" aria-labelledby="checks-heading" aria-live="polite">
      <h2 id="checks-heading">自动检查</h2>
      {problems.length === 0 ? (
        <p class="notice success">未发现问题，可以提交。</p>
      ) : (
        <>
          {blocks.length > 0 ? <p>以下 {blocks.length} 项必须修改后才能提交：</p> : null}
          <ul class="checks">
            {blocks.map((x) => (
              <li class="check-block">
                <span class="tag stop">必须修改</span>{" "}
                <a href={`#${x.field}`}>{APPLICATION_FIELD_LABELS[x.field] ?? "其他"}</a>：{x.message}
              </li>
            ))}
            {warnings.map((x) => (
              <li class="check-warning">
                <span class="tag warn">请注意</span>{" "}
                <a href={`#${x.field}`}>{APPLICATION_FIELD_LABELS[x.field] ?? "其他"}</a>：{x.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function CorrectionPanel({ app }: { app: ApplicationView }) {
  if (app.state !== "returned" || !app.correctionReason) return null;
  return (
    <section class="notice warning" aria-labelledby="correction-heading">
      <h2 id="correction-heading">登记管理机关退回补正</h2>
      <p>{app.correctionReason}</p>
      {app.correctionComments?.length ? (
        <ul>
          {app.correctionComments.map((c) => (
            <li>
              <a href={`#${c.section}`}>{APPLICATION_FIELD_LABELS[c.section] ?? "其他"}</a>：{c.text}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        请于 <strong>{cnDate(app.correctionDeadline)}</strong> 前修改后重新提交。
      </p>
    </section>
  );
}

export function EventsList({ events }: { events: ApplicationEventView[] }) {
  if (events.length === 0) return null;
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">办理记录</h2>
      <ol class="timeline">
        {events.map((e) => (
          <li>
            <strong>{formatDateTime(e.at)}</strong> {e.actorLabel}：
            {applicationStateLabel(e.fromState as ApplicationState)} →{" "}
            {applicationStateLabel(e.toState as ApplicationState)}
            {e.reason ? `（${e.reason}）` : ""}
            {e.deadline ? `，补正期限 ${cnDate(e.deadline)}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ReadOnlyData({
  app,
  org,
  units,
}: {
  app: ApplicationView;
  org: ApplicationOrg | null;
  units: { id: number; name: string }[];
}) {
  const d = app.data as Record<string, unknown>;
  // Values in words: amounts in 元, codes by name, dates as 2026年3月31日; never a stored code or raw JSON.
  const words = (k: string, val: unknown): string => {
    if (val === undefined || val === null || val === "") return "—";
    if (typeof val === "boolean") return val ? "是" : "否";
    if (k === "capitalFen") return Number.isSafeInteger(val) ? `${formatFen(val as number)} 元` : "—";
    if (k === "type") return TYPE_LABELS[val as keyof typeof TYPE_LABELS] ?? "—";
    if (k === "supervisorUnitId") return units.find((u) => u.id === val)?.name ?? "—";
    if (k === "supervisionMode") return val === "direct" ? "直接登记" : "有业务主管单位";
    if (k === "directCategory")
      return DIRECT_CATEGORY_LABELS[val as keyof typeof DIRECT_CATEGORY_LABELS] ?? "—";
    if (k === "foundationKind") return val === "public" ? "公募基金会" : "非公募基金会";
    if (typeof val === "string" && /^\d{4}-\d{2}-\d{2}$/.test(val)) return cnDate(val);
    if (Array.isArray(val)) return val.map((x) => words("", x)).join("、") || "—";
    if (typeof val === "object") return "（见申请材料）";
    return String(val);
  };
  const show = (k: string, val: unknown) => {
    if (val === undefined || val === null || val === "" || k === "items") return null;
    const text = words(k, val);
    const label = APPLICATION_FIELD_LABELS[k === "capitalFen" ? "capital" : k] ?? "其他";
    return (
      <>
        <dt>{label}</dt>
        <dd class="pre-wrap">
          {app.kind === "change" && org && k in org ? (
            <>
              <span class="muted">{words(k, (org as unknown as Record<string, unknown>)[k])}</span> → {text}
            </>
          ) : (
            text
          )}
        </dd>
      </>
    );
  };
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">申请内容</h2>
      <dl class="summary">{Object.entries(d).map(([k, val]) => show(k, val))}</dl>
    </section>
  );
}
