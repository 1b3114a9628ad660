/** Dates as people read them: 2026-03-31 → 2026年3月31日 (an empty value shows as —). */
export function cnDate(day: string | null | undefined): string {
  if (!day) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : "—";
}

/**
 * Every 'YYYY-MM-DD' date inside a text written earlier (a credit case's facts, which the jobs once wrote with ISO
 * dates and a registrar may type either way) as people read it: 该组织于2026-11-12被撤销登记。 → 该组织于2026年11月12日被撤销登记。
 */
export function cnDatesIn(text: string): string {
  return text.replace(
    /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g,
    (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`,
  );
}
