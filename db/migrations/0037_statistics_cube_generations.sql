PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_stat_credit_cube` (
	`gen` integer NOT NULL,
	`list` text NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_mode` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`listed_year` text NOT NULL,
	`removed_year` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`gen`, `list`, `authority_id`, `type`, `sup_mode`, `sup_unit`, `listed_year`, `removed_year`)
);
--> statement-breakpoint
DROP TABLE `stat_credit_cube`;--> statement-breakpoint
ALTER TABLE `__new_stat_credit_cube` RENAME TO `stat_credit_cube`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_stat_filing_cube` (
	`gen` integer NOT NULL,
	`year` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_mode` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`state` text NOT NULL,
	`conclusion` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`gen`, `year`, `authority_id`, `type`, `sup_mode`, `sup_unit`, `state`, `conclusion`)
);
--> statement-breakpoint
DROP TABLE `stat_filing_cube`;--> statement-breakpoint
ALTER TABLE `__new_stat_filing_cube` RENAME TO `stat_filing_cube`;--> statement-breakpoint
CREATE TABLE `__new_stat_org_cube` (
	`gen` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_mode` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`reg_year` text NOT NULL,
	`status` text NOT NULL,
	`end_year` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`gen`, `authority_id`, `type`, `sup_mode`, `sup_unit`, `reg_year`, `status`, `end_year`)
);
--> statement-breakpoint
DROP TABLE `stat_org_cube`;--> statement-breakpoint
ALTER TABLE `__new_stat_org_cube` RENAME TO `stat_org_cube`;--> statement-breakpoint
CREATE TABLE `__new_stat_party_cube` (
	`gen` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`total` integer NOT NULL,
	`organizational` integer NOT NULL,
	`work` integer NOT NULL,
	PRIMARY KEY(`gen`, `authority_id`, `type`, `sup_unit`)
);
--> statement-breakpoint
DROP TABLE `stat_party_cube`;--> statement-breakpoint
ALTER TABLE `__new_stat_party_cube` RENAME TO `stat_party_cube`;--> statement-breakpoint
ALTER TABLE `stat_cube_meta` ADD `gen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The counts are derived data: dropped here, rebuilt by the next statistics-cubes run (the pages count the register
-- directly until then).
DELETE FROM `stat_cube_meta`;
