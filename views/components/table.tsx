import type { Child } from "hono/jsx";

/**
 * The attributes of a table's sideways-scrolling wrapper (`<div class="table-scroll" {...SCROLL_REGION}>`): a keyboard
 * user can focus it and scroll with the arrow keys, and a screen reader announces it as a region (WCAG 2.1.1).
 */
export const SCROLL_REGION = { tabindex: 0, role: "region", "aria-label": "表格（可左右滚动）" } as const;

/** What a list says when it has nothing to show. */
export function EmptyState({ children }: { children: Child }) {
  return <p class="empty-state">{children}</p>;
}

/** A column heading: its words, or its words with a class (nowrap, wide-cell …); null for a column not shown. */
export type Column = Child | { label: Child; class?: string };

const isLabelled = (c: Column): c is { label: Child; class?: string } =>
  typeof c === "object" && c !== null && "label" in c;

/**
 * A list as a table: the column headings, one row per item (the caller renders the <tr>), inside the region that
 * scrolls sideways on a narrow screen; or, with no items, the page's empty-state sentence.
 */
export function DataTable<T>(p: {
  rows: readonly T[];
  /** What the page says when there are no rows; without it, no rows render nothing. */
  empty?: Child;
  columns: readonly Column[];
  row: (item: T, index: number) => Child;
  /** The table's class (audit-table, queue …). */
  class?: string;
  caption?: Child;
}) {
  if (p.rows.length === 0) return p.empty === undefined ? null : <EmptyState>{p.empty}</EmptyState>;
  return (
    <div class="table-scroll" {...SCROLL_REGION}>
      <table class={p.class}>
        {p.caption ? <caption>{p.caption}</caption> : null}
        <thead>
          <tr>
            {p.columns.map((c) =>
              c === null || c === false || c === undefined ? null : isLabelled(c) ? (
                <th scope="col" class={c.class}>
                  {c.label}
                </th>
              ) : (
                <th scope="col">{c}</th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{p.rows.map((r, i) => p.row(r, i))}</tbody>
      </table>
    </div>
  );
}

/**
 * Figures as tiles (`stat-grid`): each a number and what it counts, linking to where the page lists them.
 * `current` marks the tile whose list is shown.
 */
export function StatGrid({
  items,
  label,
}: {
  items: readonly { href: string; value: Child; label: Child; current?: boolean }[];
  label?: string;
}) {
  return (
    <ul class="stat-grid" aria-label={label}>
      {items.map((s) => (
        <li>
          <a href={s.href} aria-current={s.current ? "true" : undefined}>
            <span class="stat-value">{s.value}</span>
            <span class="stat-label">{s.label}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** An organization's cell in a list: its name (a link where the list leads somewhere) above its code. */
export function OrgCell({ name, uscc, href }: { name: Child; uscc: string; href?: string }) {
  return (
    <td>
      {href ? <a href={href}>{name}</a> : name}
      <br />
      <span class="small muted">{uscc}</span>
    </td>
  );
}
