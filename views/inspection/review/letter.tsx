/**
 * The printable 年检结论通知书 (/registrar/inspections/:filingId/notice, /supervisor/…): one page, print CSS hides the
 * site's header and footer (public/css/app.css @media print).
 */
import type { SessionUser } from "../../../src/context";
import { cnDate } from "../../../src/domain/dates";
import { type ReportSection, SECTION_LABELS } from "../../../src/domain/inspection-report";
import { CONCLUSION_LABELS, PROBLEM_SEVERITY_LABELS } from "../../../src/domain/workflow";
import type { FilingView } from "../../../src/inspection/contract";
import { Layout } from "../../layout";

export function ConclusionLetter({
  user,
  view,
  back,
}: {
  user: SessionUser;
  view: FilingView;
  back: string;
}) {
  const conclusion = view.conclusion ? CONCLUSION_LABELS[view.conclusion] : "";
  return (
    <Layout title={`${view.org.name} ${view.year} 年度年检结论通知书`} user={user}>
      <p class="no-print">
        <a href={back}>← 返回</a> · 使用浏览器的“打印”功能打印本页。
      </p>
      <article class="letter">
        <h1>年检结论通知书</h1>
        <p class="letter-to">
          {view.org.name}（统一社会信用代码：{view.org.uscc}）：
        </p>
        <p>
          你单位报送的 {view.year} 年度工作报告，经{view.org.authorityName}审查，年检结论为：
          <strong class="letter-conclusion">{conclusion}</strong>。
        </p>
        {view.problems.length > 0 ? (
          <>
            <p>审查中发现以下问题：</p>
            <ol>
              {view.problems.map((p) => (
                <li>
                  {p.description}
                  {p.section ? `（${SECTION_LABELS[p.section as ReportSection] ?? p.section}）` : ""}，
                  {PROBLEM_SEVERITY_LABELS[p.severity]}。
                </li>
              ))}
            </ol>
            <p>请你单位认真整改，并在下一年度年检时一并报送整改报告。</p>
          </>
        ) : null}
        <p>年检不收取任何费用。年检结论将依法向社会公告。</p>
        <p class="letter-sign">
          {view.org.authorityName}
          <br />
          {cnDate(view.concludedOn)}
        </p>
      </article>
    </Layout>
  );
}
