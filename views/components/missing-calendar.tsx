import { MISSING_CALENDAR_WARNING } from "../../src/domain/working-days";

/** Next to a deadline counted across a year whose holiday calendar is not entered: it counted weekends only. */
export function MissingCalendar({ years }: { years?: readonly number[] | null }) {
  if (!years || years.length === 0) return null;
  return (
    <span class="tag warn" role="note">
      {MISSING_CALENDAR_WARNING}（{years.join("、")}年）
    </span>
  );
}
