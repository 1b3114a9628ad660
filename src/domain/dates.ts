/** Dates as people read them: 2026-03-31 → 2026年3月31日 (an empty value shows as —). */
export function cnDate(day: string | null | undefined): string {
  if (!day) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : "—";
}
