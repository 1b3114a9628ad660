/**
 * Precomputed statistics (统计汇总): small count tables ("cubes") that the nightly `statistics-cubes` job rebuilds
 * from the register (src/statistics/cubes.ts), so every figure on /statistics and /registrar/statistics is a sum over
 * these rows instead of a scan of a million organizations. Derived data: dropping them loses nothing (the pages fall
 * back to counting the register directly until the job runs again).
 *
 * `sup_mode`/`sup_unit` carry the supervision of the organization (直接登记, 脱钩, or the 业务主管单位's id; 0 for none),
 * so the supervisor filter is a column, not a join. The register, filing and credit cubes also hold, under
 * `authority_id` 0, the same counts summed over every authority: the whole register's figures read those few rows.
 */
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Organizations by authority, type, supervision, registration year, status and year the termination took effect. */
export const statOrgCube = sqliteTable(
  "stat_org_cube",
  {
    /** Which rebuild wrote the row: readers take the one `stat_cube_meta.gen` names (a new set is written beside
     * the old in short batches, then switched to at once). */
    gen: integer("gen").notNull(),
    authorityId: integer("authority_id").notNull(),
    type: text("type").notNull(),
    supMode: text("sup_mode").notNull(),
    supUnit: integer("sup_unit").notNull(),
    regYear: text("reg_year").notNull(),
    status: text("status").notNull(),
    /** The year a terminal status took effect, '' while active or when it takes effect after the job's day. */
    endYear: text("end_year").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.gen, t.authorityId, t.type, t.supMode, t.supUnit, t.regYear, t.status, t.endYear],
    }),
  ],
);

/** Annual inspection filings by year, authority, type, supervision, state, conclusion ('' for none) and 公告 day. */
export const statFilingCube = sqliteTable(
  "stat_filing_cube",
  {
    /** Which rebuild wrote the row: readers take the one `stat_cube_meta.gen` names (a new set is written beside
     * the old in short batches, then switched to at once). */
    gen: integer("gen").notNull(),
    year: integer("year").notNull(),
    authorityId: integer("authority_id").notNull(),
    type: text("type").notNull(),
    supMode: text("sup_mode").notNull(),
    supUnit: integer("sup_unit").notNull(),
    state: text("state").notNull(),
    conclusion: text("conclusion").notNull(),
    /** The day the conclusion's 公告 came out ('' until published): a past day counts those out by then (R-C4).
     * Conclusions are published in batches, so this adds few rows. */
    pubOn: text("pub_on").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.gen, t.year, t.authorityId, t.type, t.supMode, t.supUnit, t.state, t.conclusion, t.pubOn],
    }),
  ],
);

/** Credit list entries listed by the job's day, by list, organization facets, year listed and year removed. */
export const statCreditCube = sqliteTable(
  "stat_credit_cube",
  {
    /** Which rebuild wrote the row: readers take the one `stat_cube_meta.gen` names (a new set is written beside
     * the old in short batches, then switched to at once). */
    gen: integer("gen").notNull(),
    list: text("list").notNull(),
    authorityId: integer("authority_id").notNull(),
    type: text("type").notNull(),
    supMode: text("sup_mode").notNull(),
    supUnit: integer("sup_unit").notNull(),
    listedYear: text("listed_year").notNull(),
    /** '' while on the list (or removed after the job's day). */
    removedYear: text("removed_year").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.gen, t.list, t.authorityId, t.type, t.supMode, t.supUnit, t.listedYear, t.removedYear],
    }),
  ],
);

/** Party coverage (R-F3) of active organizations by authority, type and 业务主管单位: the denominators and numerators. */
export const statPartyCube = sqliteTable(
  "stat_party_cube",
  {
    /** Which rebuild wrote the row: readers take the one `stat_cube_meta.gen` names (a new set is written beside
     * the old in short batches, then switched to at once). */
    gen: integer("gen").notNull(),
    authorityId: integer("authority_id").notNull(),
    type: text("type").notNull(),
    supUnit: integer("sup_unit").notNull(),
    total: integer("total").notNull(),
    organizational: integer("organizational").notNull(),
    work: integer("work").notNull(),
  },
  (t) => [primaryKey({ columns: [t.gen, t.authorityId, t.type, t.supUnit] })],
);

/** One row: the day the cubes count as at, and when the job computed them. */
export const statCubeMeta = sqliteTable("stat_cube_meta", {
  id: integer("id").primaryKey(),
  /** The job's day (YYYY-MM-DD, Asia/Shanghai): the figures are the register as at the job's run that day. */
  day: text("day").notNull(),
  computedAt: text("computed_at").notNull(),
  /** The rebuild the pages read (the cube rows of this generation). */
  gen: integer("gen").notNull().default(0),
  /**
   * Filings for a year before their organization's registration year, as the run found them (R-C2 makes them an
   * error in the register: an organization files from its registration year on). While there are none, a past day's
   * figures skip looking for them among the organizations registered after that day (src/statistics/past.ts); null
   * until a run has counted them.
   */
  earlyFilings: integer("early_filings"),
});

/**
 * The annual inspection's review (registrar figures): concluded filings by year, the filing's authority and type, the
 * rounds returned for correction (R-C3; 3 stands for three or more) and the days from the first submission to the
 * conclusion (capped at 366), so a page reads the medians of any district and type without reading the filings.
 */
export const statReviewCube = sqliteTable(
  "stat_review_cube",
  {
    /** Which rebuild wrote the row (as the other cubes). */
    gen: integer("gen").notNull(),
    year: integer("year").notNull(),
    authorityId: integer("authority_id").notNull(),
    type: text("type").notNull(),
    rounds: integer("rounds").notNull(),
    days: integer("days").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.gen, t.year, t.authorityId, t.type, t.rounds, t.days] })],
);

/**
 * The register compared across authorities and supervision (derived from the organization cube by the same job): per
 * authority, type and supervision, the organizations active at the job's day and those registered and terminated in
 * its year; also summed over every authority under `authority_id` 0.
 */
export const statCompareCube = sqliteTable(
  "stat_compare_cube",
  {
    /** Which rebuild wrote the row (as the other cubes). */
    gen: integer("gen").notNull(),
    authorityId: integer("authority_id").notNull(),
    type: text("type").notNull(),
    supMode: text("sup_mode").notNull(),
    supUnit: integer("sup_unit").notNull(),
    active: integer("active").notNull(),
    registered: integer("registered").notNull(),
    ended: integer("ended").notNull(),
  },
  (t) => [primaryKey({ columns: [t.gen, t.authorityId, t.type, t.supMode, t.supUnit] })],
);
