CREATE TABLE `stat_credit_cube` (
	`list` text NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_mode` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`listed_year` text NOT NULL,
	`removed_year` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`list`, `authority_id`, `type`, `sup_mode`, `sup_unit`, `listed_year`, `removed_year`)
);
--> statement-breakpoint
CREATE TABLE `stat_cube_meta` (
	`id` integer PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`computed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stat_filing_cube` (
	`year` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_mode` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`state` text NOT NULL,
	`conclusion` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`year`, `authority_id`, `type`, `sup_mode`, `sup_unit`, `state`, `conclusion`)
);
--> statement-breakpoint
CREATE TABLE `stat_org_cube` (
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_mode` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`reg_year` text NOT NULL,
	`status` text NOT NULL,
	`end_year` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`authority_id`, `type`, `sup_mode`, `sup_unit`, `reg_year`, `status`, `end_year`)
);
--> statement-breakpoint
CREATE TABLE `stat_party_cube` (
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`sup_unit` integer NOT NULL,
	`total` integer NOT NULL,
	`organizational` integer NOT NULL,
	`work` integer NOT NULL,
	PRIMARY KEY(`authority_id`, `type`, `sup_unit`)
);
