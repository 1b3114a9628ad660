import { cnDate } from "../../../src/domain/dates";

export interface MarkNotFiledProps {
  /** The year asked for, when this authority runs it. */
  year: number | null;
  /** How many the last marking marked (after a redirect). */
  marked: number | null;
  /** Whether any type's filing window has closed (R-C1): only then can organizations be marked 未参检. */
  windowClosed: boolean;
  /** The last day of the latest window, for the message while every window is still open. */
  closesOn: string | null;
}

/** Above the 未参检 list: the marking after the window (R-C1, R-C8), offered only once a window has closed. */
export function MarkNotFiled({ year, marked, windowClosed, closesOn }: MarkNotFiledProps) {
  return (
    <>
      {marked !== null ? (
        <div class="notice success" role="status">
          已将 {marked} 个申报期内未提交的组织标记为未参检。
        </div>
      ) : null}
      <p>
        申报期结束后，应参检但未提交年度报告的组织标记为“未参检”（连续两年未参检的列入撤销登记候选，R-C8）。
        每日任务会自动完成这项标记；这里可以立即执行。
      </p>
      {year === null ? null : windowClosed ? (
        <form method="post" action={`/registrar/inspections/years/${year}/not-filed`} class="inline-form">
          <button type="submit" class="button secondary">
            标记 {year} 年度的未参检组织
          </button>
        </form>
      ) : (
        <p class="hint">
          {year} 年度的申报期尚未结束{closesOn ? `（至${cnDate(closesOn)}）` : ""}，结束后才能标记未参检。
        </p>
      )}
    </>
  );
}
