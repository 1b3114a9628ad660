import type { PublicEntry } from "../../src/credit/contract";
import { CREDIT_GROUNDS, CREDIT_LIST_LABELS, REMOVAL_REASON_LABELS } from "../../src/domain/credit";
import { cnDatesIn } from "../../src/domain/dates";
import { cnDate } from "../components/dates";
import { EmptyState, OrgCell, SCROLL_REGION } from "../components/table";

/** An organization's credit entries (R-D8), on its public page: current first, each with its removal when removed. */
export function CreditEntries({ entries }: { entries: PublicEntry[] }) {
  const current = entries.filter((e) => e.removedOn === null);
  const serious = current.some((e) => e.list === "serious");
  return (
    <section aria-labelledby="credit-heading">
      <h2 id="credit-heading">信用信息</h2>
      {entries.length === 0 ? (
        <EmptyState>未被列入活动异常名录或严重违法失信名单。</EmptyState>
      ) : (
        <>
          {current.length > 0 ? (
            <div class="notice warning" role="note">
              该组织现被列入{[...new Set(current.map((e) => CREDIT_LIST_LABELS[e.list]))].join("、")}
              ，不得参加社会组织评估
              {serious ? "；依法不得享受政府购买服务、财政资金资助和评比表彰" : ""}。
            </div>
          ) : null}
          <CreditTable entries={entries} />
        </>
      )}
    </section>
  );
}

export function CreditTable({ entries, withOrg = false }: { entries: PublicEntry[]; withOrg?: boolean }) {
  return (
    <div class="table-scroll" {...SCROLL_REGION}>
      <table>
        <thead>
          <tr>
            {withOrg ? <th scope="col">社会组织</th> : null}
            <th scope="col">名录</th>
            <th scope="col">列入事由</th>
            <th scope="col">列入日期</th>
            <th scope="col">作出决定机关</th>
            <th scope="col">文号</th>
            <th scope="col">移出</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              {withOrg ? <OrgCell name={e.orgName} uscc={e.uscc} href={`/orgs/${e.uscc}`} /> : null}
              <td class="nowrap">{CREDIT_LIST_LABELS[e.list]}</td>
              <td class="wide-cell">
                {CREDIT_GROUNDS[e.ground].label}
                <br />
                <span class="small muted">{cnDatesIn(e.facts)}</span>
              </td>
              <td class="nowrap">{cnDate(e.listedOn)}</td>
              <td>{e.authorityName}</td>
              <td class="nowrap">{e.documentNo ?? "—"}</td>
              <td>
                {e.removedOn
                  ? `${cnDate(e.removedOn)}，${e.removalReason ? REMOVAL_REASON_LABELS[e.removalReason] : ""}${e.removalDocumentNo ? `（${e.removalDocumentNo}）` : ""}`
                  : "仍在名录中"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
