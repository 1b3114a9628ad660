/**
 * The 年检 panel on the registrar's and the supervisor's homes: what waits, the unread notices, and for the registrar
 * the year's rates (R-C10) for the authority and each district. Its data comes from src/home/service.ts.
 */
import type { ReviewInspectionHome } from "../../src/home/contract";
import { RatesTable } from "../inspection/review/rates";
import { NoticeBanner } from "../inspection/review/shared";

export function ReviewInspectionPanel({ data }: { data: ReviewInspectionHome }) {
  const { base, year, queue } = data;
  return (
    <section class="panel" aria-labelledby="inspection-home-title">
      <h2 id="inspection-home-title">年检</h2>
      <NoticeBanner notices={data.notices} base={base} />
      {year === null ? (
        <p>
          尚未开启年检。
          {base === "/registrar" ? <a href="/registrar/inspections/years">开启年检</a> : null}
        </p>
      ) : (
        <>
          <p>
            {year} 年度：待{base === "/registrar" ? "审查" : "初审"} <strong>{queue.total}</strong> 份。{" "}
            <a href={`${base}/inspections`}>进入年检待办</a>
          </p>
          {base === "/registrar" ? (
            <>
              <p>
                <a href="/registrar/inspections/years">年检年度</a> ·{" "}
                <a href="/registrar/inspections/not-filed">未参检名单</a> ·{" "}
                <a href={`/registrar/inspections/rates?year=${year}`}>年检率与合格率</a>
              </p>
              <RatesTable rows={data.rates} caption={`${year} 年度年检率与合格率`} />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
