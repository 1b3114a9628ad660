import type { InspectionReport, ReportSection } from "../../../../src/domain/inspection-report";
import type { Check } from "../../../../src/domain/prechecks";
import { choicesOf, Options } from "../../../components/select";
import { EmptyState } from "../../../components/table";

/**
 * The generic parts of a report section's form (R-C5): the field and list specs, one input, a list as a table with
 * spare rows, and how a field's shown value is found (as posted after a refused save, as saved, or as offered).
 */
export type Kind =
  | "text"
  | "textarea"
  | "date"
  | "money"
  | "count"
  | "checkbox"
  | "yesno"
  | { options: Record<string, string> };

export interface FieldSpec {
  name: string;
  label: string;
  kind: Kind;
  hint?: string;
}

export interface ListSpec {
  name: string;
  label: string;
  fields: FieldSpec[];
  /** Empty rows offered for new entries. */
  spare: number;
}

export interface SectionSpec {
  intro?: string;
  fields?: FieldSpec[];
  lists?: ListSpec[];
}

export const f = (name: string, label: string, kind: Kind, hint?: string): FieldSpec => ({
  name,
  label,
  kind,
  hint,
});

/** Reads a dotted path from a section's saved object. */
function at(obj: unknown, path: string): unknown {
  if (path.startsWith("changeExplanations.")) {
    return (obj as { changeExplanations?: Record<string, unknown> } | undefined)?.changeExplanations?.[
      path.slice("changeExplanations.".length)
    ];
  }
  let cur: unknown = obj;
  for (const k of path.split(".")) {
    if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function display(value: unknown, kind: Kind): string {
  if (value === undefined || value === null) return "";
  if (kind === "money" && typeof value === "number") return (value / 100).toFixed(2);
  if (kind === "yesno" && typeof value === "boolean") return value ? "true" : "false";
  if (kind === "checkbox") return value === true ? "1" : "";
  return String(value);
}

export type RawForm = Record<string, string | string[]>;

interface InputProps {
  section: ReportSection;
  spec: FieldSpec;
  name: string;
  value: string;
  error?: string;
  readonly: boolean;
  compact?: boolean;
}

const YES_NO = [
  { value: "true", label: "是" },
  { value: "false", label: "否" },
];

/** One input; its id is `section.path` so checks and error summaries can link to it. */
export function Input(p: InputProps) {
  const id = `${p.section}.${p.name}`;
  const describedBy = p.error ? `${id}-error` : undefined;
  const common = {
    id,
    name: p.name,
    "aria-describedby": describedBy,
    "aria-invalid": p.error ? "true" : undefined,
    disabled: p.readonly,
  } as const;
  const k = p.spec.kind;
  let control: unknown;
  if (k === "textarea")
    control = (
      <textarea rows={3} {...common}>
        {p.value}
      </textarea>
    );
  else if (k === "checkbox") {
    control = (
      <>
        <input type="hidden" name={p.name} value="0" disabled={p.readonly} />
        <input type="checkbox" value="1" checked={p.value === "1"} {...common} />
      </>
    );
  } else if (k === "yesno" || typeof k === "object") {
    control = (
      <select {...common}>
        <option value="">请选择</option>
        <Options options={k === "yesno" ? YES_NO : choicesOf(k.options)} value={p.value} />
      </select>
    );
  } else {
    control = (
      <input
        type={k === "date" ? "date" : "text"}
        inputmode={k === "money" ? "decimal" : k === "count" ? "numeric" : undefined}
        value={p.value}
        {...common}
      />
    );
  }
  return (
    <div class={`field ${p.error ? "field-error" : ""} ${k === "checkbox" ? "checkbox" : ""}`}>
      {k === "checkbox" ? null : (
        <label for={id} class={p.compact ? "visually-hidden" : undefined}>
          {p.spec.label}
        </label>
      )}
      {p.spec.hint && !p.compact ? <p class="hint">{p.spec.hint}</p> : null}
      {p.error ? (
        <p class="error-message" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      {control as never}
      {k === "checkbox" ? (
        <label for={id} class={p.compact ? "visually-hidden" : undefined}>
          {p.spec.label}
        </label>
      ) : null}
    </div>
  );
}

export interface SectionFormProps {
  filingId: number;
  base: string;
  section: ReportSection;
  report: InspectionReport;
  version: number;
  /** The form as posted, after a refused save (so nothing typed is lost). */
  raw?: RawForm | null;
  /** Field path (relative to the section) → message. */
  errors?: Record<string, string>;
  /** Pre-review checks of this section. */
  checks: Check[];
  /** The reviewer's comment on this section in the open correction. */
  comment?: string | null;
  editable: boolean;
  saved?: boolean;
  changed?: boolean;
  /** Values offered for a section not saved yet (the party ledger, the cadre register: R-F3). */
  prefill?: Partial<InspectionReport>;
  /** The organization asked to refill this section from the ledger (the saved values are not shown). */
  fromLedger?: boolean;
  /** Where the saved section departs from the confirmed party ledger. */
  ledgerDifferences?: string[];
}

/** The section's values: as saved, else (or when asked) as offered from the ledger. */
const sectionValue = (p: SectionFormProps) =>
  p.fromLedger && p.prefill?.[p.section] !== undefined
    ? p.prefill[p.section]
    : (p.report[p.section] ?? p.prefill?.[p.section]);

export function fieldValue(p: SectionFormProps, name: string, kind: Kind): string {
  if (p.raw) {
    const v = p.raw[name];
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (kind === "checkbox") return last === "1" || last === "on" ? "1" : "";
    return last ?? "";
  }
  return display(at(sectionValue(p), name), kind);
}

/** No list in a report section is longer (the schemas' own maximums are 200–1,000). */
const MAX_ECHOED_ROWS = 1000;

export function ListTable(p: SectionFormProps & { list: ListSpec; errors: Record<string, string> }) {
  const saved = (at(sectionValue(p), p.list.name) as unknown[] | undefined) ?? [];
  const rawRows = p.raw
    ? Math.max(
        0,
        ...Object.keys(p.raw)
          .map((k) => k.match(new RegExp(`^${p.list.name}\\.(\\d+)\\.`))?.[1])
          .filter(Boolean)
          .map((n) => Number(n) + 1),
      )
    : 0;
  // A posted form is echoed back only after a refused save of declared fields; the cap is a second guard.
  const rows = Math.min(Math.max(saved.length, rawRows), MAX_ECHOED_ROWS) + (p.editable ? p.list.spare : 0);
  return (
    <div class="list-table">
      <h3>{p.list.label}</h3>
      {rows === 0 ? <EmptyState>无。</EmptyState> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            {p.list.fields.map((field) => (
              <th scope="col">{field.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr>
              <td>{i + 1}</td>
              {p.list.fields.map((field) => {
                const name = `${p.list.name}.${i}.${field.name}`;
                return (
                  <td>
                    <Input
                      section={p.section}
                      spec={{ ...field, label: `第 ${i + 1} 行${field.label}` }}
                      name={name}
                      value={fieldValue(p, name, field.kind)}
                      error={p.errors[name]}
                      readonly={!p.editable}
                      compact
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {p.editable ? <p class="hint">需要更多行：先保存，保存后会再出现空行。整行留空的不会保存。</p> : null}
    </div>
  );
}
