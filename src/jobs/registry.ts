/**
 * The one table of scheduled jobs, in the order they run each day. A capability adds its job here; the Node timer,
 * the Workers cron, `npm run jobs` and /admin/jobs all read this list.
 */
import {
  creditCandidatesJob,
  creditMovesJob,
  creditNoticesJob,
  creditPenaltiesJob,
  creditRevokedJob,
  creditUnreachableJob,
} from "../credit/jobs";
import { creditRedListJob } from "../credit/red-list";
import { notFiledJob } from "../inspection/jobs";
import { creditPartyJob, partyTermsJob } from "../party/jobs";
import { gradeDowngradeJob } from "../registry/grades";
import { statisticsCubesJob } from "../statistics/cubes";
import { zombieSignalsJob } from "../zombie/jobs";
import type { Job } from "./types";

/** 未参检 first: the credit candidates of the same day read what it marked; R-G2 before the 红名单, which reads grades. */
export const JOBS: readonly Job[] = [
  notFiledJob,
  creditCandidatesJob,
  creditUnreachableJob,
  creditPenaltiesJob,
  creditNoticesJob,
  creditPartyJob,
  creditRevokedJob,
  creditMovesJob,
  gradeDowngradeJob,
  creditRedListJob,
  zombieSignalsJob,
  partyTermsJob,
  // Last: the figures count what the jobs before it changed today.
  statisticsCubesJob,
];

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
