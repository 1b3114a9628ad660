PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_stat_filing_cube` (
	`gen` integer NOT NULL,
	`year` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_mode` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`state` text NOT NULL,
	`conclusion` text NOT NULL,
	`pub_on` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`gen`, `year`, `authority_id`, `type`, `sup_mode`, `sup_unit`, `state`, `conclusion`, `pub_on`)
);
--> statement-breakpoint
DROP TABLE `stat_filing_cube`;--> statement-breakpoint
ALTER TABLE `__new_stat_filing_cube` RENAME TO `stat_filing_cube`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `credit_cases_listed_on_idx` ON `credit_cases` (`listed_on`,`removed_on`);--> statement-breakpoint
CREATE INDEX `credit_cases_removed_on_idx` ON `credit_cases` (`removed_on`,`listed_on`);--> statement-breakpoint
CREATE INDEX `org_history_moves_idx` ON `org_history` (`at`,`org_id`) WHERE json_extract(before, '$.authorityId') IS NOT NULL;--> statement-breakpoint
CREATE INDEX `organizations_ended_idx` ON `organizations` (`status_on`) WHERE status <> 'active';--> statement-breakpoint
-- The filing cube gained its 公告 day: the cubes are rebuilt by the next run of the statistics-cubes job, and until then
-- the pages count the register directly, as they do before the job has ever run.
DELETE FROM `stat_org_cube`;--> statement-breakpoint
DELETE FROM `stat_credit_cube`;--> statement-breakpoint
DELETE FROM `stat_party_cube`;--> statement-breakpoint
DELETE FROM `stat_cube_meta`;
