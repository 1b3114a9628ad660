/**
 * The inspection panel on the registrar's and the supervisor's home pages (the lead's /registrar and /supervisor
 * pass it in their `links` slot): what waits, the unread notices, and for the registrar the year's rates (R-C10)
 * for the authority and each district.
 */
import type { AppDeps, SessionUser } from "../../../src/context";
import type { Notice, QueuePage, RatesRow } from "../../../src/inspection/contract";
import { inspectionService as svc } from "../../../src/inspection/service";
import { RatesTable } from "./rates";
import { NoticeBanner } from "./shared";

export interface InspectionHomeData {
  base: "/registrar" | "/supervisor";
  year: number | null;
  queue: QueuePage;
  rates: RatesRow[];
  notices: Notice[];
}

export async function loadInspectionHome(deps: AppDeps, user: SessionUser): Promise<InspectionHomeData> {
  const base = user.role === "supervisor" ? "/supervisor" : "/registrar";
  const years = await svc.listYears(deps, user);
  const year = years.length ? Math.max(...years.map((y) => y.year)) : null;
  const [queue, rates, notices] = await Promise.all([
    year === null
      ? Promise.resolve({ items: [], total: 0, countsByState: {} })
      : svc.queue(deps, user, { year, page: 1, perPage: 1 }),
    year === null || base === "/supervisor" ? Promise.resolve([]) : svc.rates(deps, user, year),
    svc.notices(deps, user, true),
  ]);
  return { base, year, queue, rates, notices };
}

export function InspectionHomePanel({ data }: { data: InspectionHomeData }) {
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
