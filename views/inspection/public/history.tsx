/** An organization's 年检 history on its public page (domain.md §8): year, conclusion, date. */
import { cnDate } from "../../../src/domain/dates";
import { CONCLUSION_LABELS, type Conclusion } from "../../../src/domain/workflow";

export interface PublicInspection {
  year: number;
  conclusion: Conclusion;
  concludedOn: string;
}

export function InspectionHistory({ items }: { items: PublicInspection[] }) {
  return (
    <section aria-labelledby="inspections-title">
      <h2 id="inspections-title">年检情况</h2>
      {items.length === 0 ? (
        <p class="muted">暂无年检结论。</p>
      ) : (
        <table class="inspection-history">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">年检结论</th>
              <th scope="col">结论日期</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr>
                <td>{i.year} 年度</td>
                <td>
                  <span
                    class={`tag ${i.conclusion === "qualified" ? "ok" : i.conclusion === "basically_qualified" ? "warn" : "stop"}`}
                  >
                    {CONCLUSION_LABELS[i.conclusion]}
                  </span>
                </td>
                <td>{cnDate(i.concludedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="small">
        <a href="/inspection-results">查看年检结论公告</a>
      </p>
    </section>
  );
}
