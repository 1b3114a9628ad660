/**
 * Everything an organization's public page shows, gathered from the features that own each part: the register entry
 * with its 公告, 年检 and credit entries (publicDetail), a running 限期停止活动, whether it has a party organization
 * (where the locality publishes that), the 红名单, R-G1 eligibility for evaluation and the grades held (R-G1, R-G2).
 */
import type { AppDeps } from "../context";
import { runningSuspension } from "../credit/penalties";
import { redListStanding } from "../credit/red-list";
import { publicPartyOrg } from "../party/coverage";
import { evaluationStanding } from "./evaluation";
import { gradeHistoryOf } from "./grades";
import { publicDetail } from "./queries";

/**
 * Kept in the detail cache per organization and day (validated against the register version like every public
 * cache): the page cache keeps a page's bytes only from its second ask, and this makes that second render a render
 * alone, without its eight reads.
 */
export async function orgPageData(deps: AppDeps, code: string, today: string) {
  const load = async () => {
    const data = await publicDetail(deps, code);
    if (!data) return null;
    const { org } = data.detail;
    const [suspension, partyOrg, redList, evaluation, grades] = await Promise.all([
      runningSuspension(deps, org.id, today),
      publicPartyOrg(deps, org.id),
      redListStanding(deps, org.id),
      evaluationStanding(deps, org, today),
      gradeHistoryOf(deps, org, today),
    ]);
    return { ...data, suspension, partyOrg, redList, evaluation, grades, today };
  };
  return deps.detailCache ? deps.detailCache.get(deps.db, `org-page:${code}:${today}`, load) : load();
}
