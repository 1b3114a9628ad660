import type { ApplicationView } from "../../../src/registration/contract";
import { ConfirmBox, type Errors, TextField } from "../../components/form";
import { Area } from "./shared";

/** The registrar's decisions on a submitted application. */
export function ReviewActions(p: {
  action: string;
  app: ApplicationView;
  errors: Errors;
  values: Record<string, string>;
  today: string;
  /** The name the decision is about (the organization, or the one applied for). */
  name: string;
}) {
  if (p.app.state !== "submitted") return null;
  return (
    <section class="review-actions" aria-labelledby="review-heading">
      <h2 id="review-heading">审查决定</h2>
      <div class="action-grid">
        <form method="post" action={`${p.action}/return`} class="panel" novalidate>
          <h3>退回补正</h3>
          <input type="hidden" name="version" value={String(p.app.version)} />
          <Area name="reason" label="需要补正的内容" values={p.values} errors={p.errors} rows={3} />
          <TextField
            name="deadline"
            label="补正期限（不填默认 5 个工作日）"
            type="date"
            errors={p.errors}
            value={p.values.deadline}
          />
          <button type="submit" class="button secondary">
            退回补正
          </button>
        </form>
        <form method="post" action={`${p.action}/approve`} class="panel" novalidate>
          <h3>准予登记</h3>
          <input type="hidden" name="version" value={String(p.app.version)} />
          <TextField
            name="documentNo"
            label="决定文号"
            errors={p.errors}
            value={p.values.documentNo}
            maxlength={60}
            hint="例如 示民社准〔2026〕12号。"
          />
          <button type="submit">准予登记</button>
        </form>
        <form method="post" action={`${p.action}/refuse`} class="panel" novalidate>
          <h3>不予登记</h3>
          <input type="hidden" name="version" value={String(p.app.version)} />
          <Area
            name="refuseReason"
            label="不予登记的理由（告知申请人）"
            values={p.values}
            errors={p.errors}
            rows={3}
          />
          <ConfirmBox errors={p.errors} words={`确认对“${p.name}”作出不予登记的决定`} />
          <button type="submit" class="button danger">
            不予登记
          </button>
        </form>
      </div>
    </section>
  );
}
