import type { Child } from "hono/jsx";
import { describedBy, type Errors, Field } from "./form";

/**
 * Choosing one of a list: a labelled <select> in a field (forms and filter bars alike) and the GET form a list page
 * filters with. Plain HTML that works without JavaScript; a page's htmx attributes pass through `attrs`.
 */

/** One option; `value` is what the form sends, `label` what a person reads. */
export interface Choice {
  value: string;
  label: Child;
}

/** Options under an <optgroup> heading. */
export interface ChoiceGroup {
  group: string;
  options: readonly Choice[];
}

/** Choices from a label record, in its order or in the order of `keys` ({ social_group: "社会团体", … }). */
export function choicesOf<K extends string>(labels: Record<K, string>, keys?: readonly K[]): Choice[] {
  return (keys ?? (Object.keys(labels) as K[])).map((value) => ({ value, label: labels[value] }));
}

/** Named records as options, by id (业务主管单位, 工作人员 …). */
export const choicesById = (rows: readonly { id: number; name: string }[]): Choice[] =>
  rows.map((r) => ({ value: String(r.id), label: r.name }));

/** Named records as options, by code (登记管理机关). */
export const choicesByCode = (rows: readonly { code: string; name: string }[]): Choice[] =>
  rows.map((r) => ({ value: r.code, label: r.name }));

/** Years as options, newest first as given: 2025 年度. */
export const yearChoices = (years: readonly number[]): Choice[] =>
  years.map((y) => ({ value: String(y), label: `${y} 年度` }));

const isGroup = (x: Choice | ChoiceGroup): x is ChoiceGroup => "group" in x;

/** The <option>s (and <optgroup>s) of a list, the one equal to `value` selected. */
export function Options({
  options,
  value,
}: {
  options: readonly (Choice | ChoiceGroup)[];
  value?: string | null;
}) {
  return (
    <>
      {options.map((o) =>
        isGroup(o) ? (
          <optgroup label={o.group}>
            <Options options={o.options} value={value} />
          </optgroup>
        ) : (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ),
      )}
    </>
  );
}

export interface SelectFieldProps {
  name: string;
  /** The element's id (and the label's `for`); the name unless two controls of one page share a name. */
  id?: string;
  label: Child;
  /** With errors, the field shows its own message and marks the control invalid. */
  errors?: Errors;
  value?: string | null;
  options?: readonly (Choice | ChoiceGroup)[];
  /** A first option with the empty value: 全部, 请选择, — … */
  placeholder?: string;
  hint?: Child;
  /** The label is read by screen readers only (a compact row of controls). */
  hiddenLabel?: boolean;
  /** Further attributes of the <select>: hx-*, data-*, required … */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** Options rendered by the caller (after the placeholder), where a plain list will not do. */
  children?: Child;
}

/** A labelled <select> in a `field`, with its hint and its error message. */
export function SelectField(p: SelectFieldProps) {
  return (
    <Field
      name={p.name}
      id={p.id}
      label={p.label}
      errors={p.errors}
      hint={p.hint}
      hiddenLabel={p.hiddenLabel}
    >
      <select
        id={p.id ?? p.name}
        name={p.name}
        aria-describedby={describedBy(p)}
        aria-invalid={p.errors?.[p.name] ? "true" : undefined}
        {...p.attrs}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options ? <Options options={p.options} value={p.value} /> : null}
        {p.children}
      </select>
    </Field>
  );
}

/** A list filter: `<select>` with 全部 first, unless the page names another first option (or none, `placeholder={null}`). */
export function FilterSelect(p: Omit<SelectFieldProps, "placeholder"> & { placeholder?: string | null }) {
  return <SelectField {...p} placeholder={p.placeholder === null ? undefined : (p.placeholder ?? "全部")} />;
}

/**
 * A list page's filter bar: a GET form (so a filtered list has its own address and works without JavaScript) with
 * its fields and one submit button.
 */
export function FilterBar(p: {
  action: string;
  /** The form's accessible name (筛选 …). */
  label?: string;
  /** The button's words; 查看 unless the page says otherwise. */
  submit?: string;
  buttonClass?: string;
  /** hx-* attributes that make the list refresh in place. */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** What follows the button (a link back to the unfiltered list). */
  after?: Child;
  children: Child;
}) {
  return (
    <form method="get" action={p.action} class="filters" aria-label={p.label} {...p.attrs}>
      {p.children}
      <button type="submit" class={p.buttonClass}>
        {p.submit ?? "查看"}
      </button>
      {p.after}
    </form>
  );
}
