/** Dates as people read them (the rule lives in src/domain/dates.ts, where jobs and letters use it too). */
export { cnDate } from "../../src/domain/dates";
