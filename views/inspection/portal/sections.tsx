import { type ReportSection, SECTION_LABELS } from "../../../src/domain/inspection-report";
import { CheckTag } from "../review/shared";
import { DECLARATION_SPECS } from "./report-sections/declaration";
import {
  fieldValue,
  Input,
  ListTable,
  type SectionFormProps,
  type SectionSpec,
} from "./report-sections/fields";
import { FINANCE_AND_DONATION_SPECS, FinanceFields } from "./report-sections/finances";
import { MEETINGS_AND_TERM_SPECS } from "./report-sections/meetings";
import { PARTY_AND_CADRE_SPECS } from "./report-sections/party";

export type { RawForm, SectionFormProps } from "./report-sections/fields";

/**
 * The report's sections as forms (R-C5), described as data and rendered by one component, so every section behaves
 * the same: labels, hints, the message next to each field, spare rows for lists, and one save per section.
 * Field names are paths relative to the section (src/inspection/form.ts turns them back into the section's object).
 */
export const SECTION_SPECS: Partial<Record<ReportSection, SectionSpec>> = {
  ...MEETINGS_AND_TERM_SPECS,
  ...FINANCE_AND_DONATION_SPECS,
  ...PARTY_AND_CADRE_SPECS,
  ...DECLARATION_SPECS,
};

/** One section: its comment, its checks, its fields and lists, and its own save button. */
export function SectionForm(p: SectionFormProps) {
  const spec = SECTION_SPECS[p.section];
  if (!spec) return null;
  const errors = p.errors ?? {};
  const saved = p.report[p.section] !== undefined;
  const blocks = p.checks.filter((c) => c.severity === "block");
  const warnings = p.checks.filter((c) => c.severity !== "block");
  const action = `${p.base}/sections/${p.section}`;
  return (
    <section id={`section-${p.section}`} class="report-section" aria-labelledby={`${p.section}-heading`}>
      <h2 id={`${p.section}-heading`}>
        {SECTION_LABELS[p.section]}{" "}
        {saved ? <span class="tag ok">已保存</span> : <span class="tag neutral">未填写</span>}
      </h2>
      {p.comment ? (
        <p class="notice warning">
          <strong>登记管理机关意见：</strong>
          {p.comment}
        </p>
      ) : null}
      {spec.intro ? <p class="hint">{spec.intro}</p> : null}
      {saved &&
      p.editable &&
      !p.fromLedger &&
      p.prefill?.[p.section] !== undefined &&
      (p.ledgerDifferences?.length ?? 0) > 0 ? (
        <div class="notice warning">
          <p>本节与党建工作台账（已确认的信息）不一致：</p>
          <ul>
            {p.ledgerDifferences!.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
          <p>
            <a href={`${p.base}?fromLedger=${p.section}#section-${p.section}`}>按台账重新填入本节</a>
            ，核对后保存；台账有误的，请在<a href="/portal/party">党建工作台账</a>中报送变更。
          </p>
        </div>
      ) : null}
      {(!saved || p.fromLedger) && p.editable && p.prefill?.[p.section] !== undefined ? (
        <p class="notice">
          {p.section === "cadres"
            ? "以下内容已按登记管理机关的领导干部兼职登记预填，请核对后保存。"
            : "以下内容已按本单位党建工作台账（已确认的信息）预填，请核对后保存。党组织、书记等有变化的，请先在"}
          {p.section === "partyBuilding" ? (
            <>
              <a href="/portal/party">党建工作台账</a>中报送变更。
            </>
          ) : null}
        </p>
      ) : null}
      {blocks.length + warnings.length > 0 ? (
        <ul class="checks">
          {[...blocks, ...warnings].map((c) => (
            <li>
              <CheckTag severity={c.severity} /> <a href={`#${c.field}`}>{c.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
          <h3>“{SECTION_LABELS[p.section]}”未保存，请修改以下内容</h3>
          <ul>
            {Object.entries(errors).map(([k, m]) => (
              <li>
                <a href={`#${p.section}.${k}`}>{m}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form
        method="post"
        action={action}
        novalidate
        hx-post={action}
        hx-target={`#section-${p.section}`}
        hx-swap="outerHTML"
      >
        <input type="hidden" name="version" value={String(p.version)} />
        <fieldset disabled={!p.editable}>
          <legend class="visually-hidden">{SECTION_LABELS[p.section]}</legend>
          {p.section === "finances" ? (
            <FinanceFields {...p} errors={errors} />
          ) : (
            (spec.fields ?? []).map((field) => (
              <Input
                section={p.section}
                spec={field}
                name={field.name}
                value={fieldValue(p, field.name, field.kind)}
                error={errors[field.name]}
                readonly={!p.editable}
              />
            ))
          )}
          {(spec.lists ?? []).map((list) => (
            <ListTable {...p} list={list} errors={errors} />
          ))}
        </fieldset>
        {p.editable ? (
          <div class="save-row">
            <button type="submit" class="button secondary" id={`save-${p.section}`}>
              保存“{SECTION_LABELS[p.section]}”
            </button>
            <SaveStatus section={p.section} saved={p.saved === true} />
          </div>
        ) : null}
      </form>
    </section>
  );
}

/**
 * The confirmation of a save, next to the save button, in a live region screen readers announce. After an htmx
 * swap public/js/app.js moves focus to it (the button it replaces had focus); without JavaScript the redirect lands on
 * the section, where it stands.
 */
function SaveStatus({ section, saved }: { section: ReportSection; saved: boolean }) {
  return (
    <p
      class={`save-status${saved ? " notice success" : ""}`}
      id={`save-status-${section}`}
      role="status"
      aria-live="polite"
      tabindex={-1}
      data-save-status={saved ? "saved" : undefined}
    >
      {saved ? `“${SECTION_LABELS[section]}”已保存。` : ""}
    </p>
  );
}
