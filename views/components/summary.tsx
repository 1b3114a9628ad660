import type { Child } from "hono/jsx";

/** One fact: what it is and its value; null or false for a fact the page leaves out. */
export type Fact = readonly [term: Child, value: Child] | null | false;

/** Facts about one thing as a summary list (`<dl class="summary">`): each a term and its value. */
export function SummaryList({ facts }: { facts: readonly Fact[] }) {
  return (
    <dl class="summary">
      {facts.map((f) =>
        f ? (
          <>
            <dt>{f[0]}</dt>
            <dd>{f[1]}</dd>
          </>
        ) : null,
      )}
    </dl>
  );
}
