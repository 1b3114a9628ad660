CREATE TABLE `stat_compare_cube` (
	`gen` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_mode` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`active` integer NOT NULL,
	`registered` integer NOT NULL,
	`ended` integer NOT NULL,
	PRIMARY KEY(`gen`, `authority_id`, `type`, `sup_mode`, `sup_unit`)
);
--> statement-breakpoint
DROP INDEX `organizations_ended_idx`;--> statement-breakpoint
CREATE INDEX `organizations_ended_idx` ON `organizations` (`status_on`,`status`,`type`,`authority_id`) WHERE status <> 'active';--> statement-breakpoint
-- The pages count the register directly until the next run of statistics-cubes writes every cube, this one included.
DELETE FROM `stat_org_cube`;--> statement-breakpoint
DELETE FROM `stat_filing_cube`;--> statement-breakpoint
DELETE FROM `stat_credit_cube`;--> statement-breakpoint
DELETE FROM `stat_review_cube`;--> statement-breakpoint
DELETE FROM `stat_party_cube`;--> statement-breakpoint
DELETE FROM `stat_cube_meta`;
