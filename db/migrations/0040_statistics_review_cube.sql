CREATE TABLE `stat_review_cube` (
	`gen` integer NOT NULL,
	`year` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`rounds` integer NOT NULL,
	`days` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`gen`, `year`, `authority_id`, `type`, `rounds`, `days`)
);
--> statement-breakpoint
-- The pages count the register directly until the next run of statistics-cubes writes every cube, this one included.
DELETE FROM `stat_org_cube`;--> statement-breakpoint
DELETE FROM `stat_filing_cube`;--> statement-breakpoint
DELETE FROM `stat_credit_cube`;--> statement-breakpoint
DELETE FROM `stat_party_cube`;--> statement-breakpoint
DELETE FROM `stat_cube_meta`;
