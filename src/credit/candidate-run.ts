/**
 * The shape every credit candidate job shares (R-D7: a candidate never lists anyone by itself, it opens a case for a
 * registrar to decide): the rows it found become cases, opened through insertCases (which skips a source key already
 * used), and the report says how many, with the first items to review. In a dry run nothing is written and the
 * report counts what would be opened ("将新增…").
 */
import { systemActor } from "../audit/audit";
import type { AppDeps } from "../context";
import type { JobItem, JobReport } from "../jobs/types";
import { insertCases, type NewCase } from "./service";

const MAX_ITEMS = 500;

/** One candidate: how it reads on the job's report, and the case it opens. */
export interface Candidate {
  item: JobItem;
  case: NewCase;
}

/** A candidate about an organization as the jobs' queries read it: its line on the report gives `reason`. */
export function candidate(
  org: { orgId: number; authorityId: number; name: string },
  reason: string,
  c: Omit<NewCase, "orgId" | "authorityId">,
): Candidate {
  return {
    item: { orgId: org.orgId, label: org.name, reason },
    case: { orgId: org.orgId, authorityId: org.authorityId, ...c },
  };
}

/**
 * A candidate job's run: `open` each batch of candidates (a job reading page by page opens each page), then `report`
 * with the summary sentence for the number opened; the dry run's "将" is prefixed here.
 */
export function candidateRun(deps: AppDeps, jobName: string, dryRun: boolean) {
  const actor = systemActor(jobName);
  const items: JobItem[] = [];
  let changed = 0;
  return {
    async open(found: readonly Candidate[]): Promise<void> {
      for (const f of found.slice(0, MAX_ITEMS - items.length)) items.push(f.item);
      changed += dryRun
        ? found.length
        : await insertCases(
            deps,
            actor,
            found.map((f) => f.case),
          );
    },
    report(summary: (changed: number) => string): JobReport {
      return { changed, summary: `${dryRun ? "将" : ""}${summary(changed)}`, items };
    },
  };
}
