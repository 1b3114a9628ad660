import type { Child } from "hono/jsx";
import { cnDate } from "../../src/domain/dates";

/** Shared form pieces: an error summary that links to each field, and fields that show their own message. */
export type Errors = Record<string, string>;

export function ErrorSummary({ errors, labels }: { errors: Errors; labels: Record<string, string> }) {
  const keys = Object.keys(errors);
  if (keys.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
      <h2>请修改以下内容</h2>
      <ul>
        {keys.map((k) => (
          <li>
            <a href={`#${k}`}>
              {labels[k] && !errors[k]!.includes(labels[k]) ? `${labels[k]}：` : ""}
              {errors[k]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError({ errors, name }: { errors: Errors; name: string }) {
  return errors[name] ? (
    <p class="error-message" id={`${name}-error`}>
      {errors[name]}
    </p>
  ) : null;
}

/** The ids a control names in `aria-describedby`: its hint and, when there is one, its error message. */
export function describedBy(p: {
  name: string;
  id?: string;
  errors?: Errors;
  hint?: unknown;
}): string | undefined {
  const ids = [p.hint ? `${p.id ?? p.name}-hint` : "", p.errors?.[p.name] ? `${p.name}-error` : ""];
  return ids.filter(Boolean).join(" ") || undefined;
}

/**
 * A labelled field around the control the caller gives: label, hint, error message, control. The control takes
 * `id` (the name unless given), and `describedBy(p)` for its `aria-describedby`.
 */
export function Field(p: {
  name: string;
  id?: string;
  label: Child;
  /** With errors, the field shows its own message. */
  errors?: Errors;
  hint?: Child;
  /** The label is read by screen readers only (a compact row of controls). */
  hiddenLabel?: boolean;
  children: Child;
}) {
  const id = p.id ?? p.name;
  return (
    <div class={p.errors?.[p.name] ? "field field-error" : "field"}>
      <label for={id} class={p.hiddenLabel ? "visually-hidden" : undefined}>
        {p.label}
      </label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.errors ? <FieldError errors={p.errors} name={p.name} /> : null}
      {p.children}
    </div>
  );
}

export interface TextFieldProps {
  name: string;
  id?: string;
  label: string;
  errors: Errors;
  value?: string | null;
  type?: "text" | "password" | "email" | "tel" | "date" | "search" | "month" | "number";
  hint?: Child;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  autofocus?: boolean;
  /** Further attributes of the <input>: max, min, hx-*, data-* … */
  attrs?: Record<string, string | number | boolean | undefined>;
}

export function TextField(p: TextFieldProps) {
  return (
    <Field name={p.name} id={p.id} label={p.label} errors={p.errors} hint={p.hint}>
      <input
        type={p.type ?? "text"}
        id={p.id ?? p.name}
        name={p.name}
        value={p.type === "password" ? "" : (p.value ?? "")}
        autocomplete={p.autocomplete}
        required={p.required}
        maxlength={p.maxlength}
        autofocus={p.autofocus}
        aria-describedby={describedBy(p)}
        aria-invalid={p.errors[p.name] ? "true" : undefined}
        {...p.attrs}
      />
    </Field>
  );
}

/** A labelled <textarea> with its hint and error message. */
export function TextAreaField(p: {
  name: string;
  id?: string;
  label: string;
  errors: Errors;
  value?: string | null;
  rows?: number;
  hint?: Child;
  maxlength?: number;
}) {
  return (
    <Field name={p.name} id={p.id} label={p.label} errors={p.errors} hint={p.hint}>
      <textarea
        id={p.id ?? p.name}
        name={p.name}
        rows={p.rows ?? 4}
        maxlength={p.maxlength}
        aria-describedby={
          p.errors[p.name] ? `${p.name}-error` : p.hint ? `${p.id ?? p.name}-hint` : undefined
        }
        aria-invalid={p.errors[p.name] ? "true" : undefined}
      >
        {p.value ?? ""}
      </textarea>
    </Field>
  );
}

/** A small POST form with one button (disable, end session …); CSRF is checked by origin. */
export function ActionButton({
  action,
  label,
  hidden,
  danger,
}: {
  action: string;
  label: string;
  hidden?: Record<string, string | number>;
  danger?: boolean;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={String(v)} />
      ))}
      <button type="submit" class={danger ? "button danger small-button" : "button secondary small-button"}>
        {label}
      </button>
    </form>
  );
}

/** "上一页 / 下一页" links for keyset-paged lists. */
export function Pager({ prev, next }: { prev?: string | null; next?: string | null }) {
  if (!prev && !next) return null;
  return (
    <nav class="pagination" aria-label="分页">
      {prev ? <a href={prev}>← 较新的记录</a> : null}
      {next ? <a href={next}>较早的记录 →</a> : null}
    </nav>
  );
}

/** "上一页 · 第 N / M 页 · 下一页" for numbered pages; `link(page)` gives a page's URL. Nothing when one page holds all. */
export function PageLinks({
  page,
  pages,
  link,
}: {
  page: number;
  pages: number;
  link: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="分页">
      {page > 1 ? <a href={link(page - 1)}>上一页</a> : null}{" "}
      <span aria-current="page">
        第 {page} / {pages} 页
      </span>{" "}
      {page < pages ? <a href={link(page + 1)}>下一页</a> : null}
    </nav>
  );
}

/** Date-time in China time, for lists: 2026年11月22日 14:05. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  const cn = new Date(d.getTime() + 8 * 60 * 60_000).toISOString();
  return `${cnDate(cn)} ${cn.slice(11, 16)}`;
}

/** What a page says after a step: a confirmation (announced politely) or a refusal with its reason (focused). */
export function Flash({
  notice,
  message,
  failed = "未能保存",
}: {
  notice?: string | null;
  message?: string | null;
  failed?: string;
}) {
  return (
    <>
      {notice ? (
        <p class="notice success" role="status">
          {notice}
        </p>
      ) : null}
      {message ? (
        <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
          <h2>{failed}</h2>
          <p>{message}</p>
        </div>
      ) : null}
    </>
  );
}

/**
 * The confirmation a decision that cannot be undone asks for (不予登记, 撤销): a box to tick that names the
 * organization; the server refuses the decision without it, so it works without JavaScript.
 */
export function ConfirmBox({ errors, words }: { errors: Errors; words: string }) {
  return <CheckboxField name="confirm" label={words} errors={errors} />;
}

/** A labelled box to tick (value "1"), with its error message. */
export function CheckboxField(p: { name: string; label: string; errors: Errors; checked?: boolean }) {
  const error = p.errors[p.name];
  return (
    <div class={`field checkbox ${error ? "field-error" : ""}`}>
      <FieldError errors={p.errors} name={p.name} />
      <input
        type="checkbox"
        id={p.name}
        name={p.name}
        value="1"
        checked={p.checked}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${p.name}-error` : undefined}
      />
      <label for={p.name}>{p.label}</label>
    </div>
  );
}
