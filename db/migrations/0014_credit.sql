CREATE TABLE `credit_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`list` text NOT NULL,
	`ground` text NOT NULL,
	`state` text DEFAULT 'candidate' NOT NULL,
	`facts` text NOT NULL,
	`evidence` text,
	`arisen_on` text NOT NULL,
	`source_key` text,
	`notice_method` text,
	`notice_served_on` text,
	`objection_deadline` text,
	`objection_text` text,
	`objection_at` text,
	`decision_on` text,
	`decision_reasons` text,
	`document_no` text,
	`listed_on` text,
	`removed_on` text,
	`removal_reason` text,
	`removal_document_no` text,
	`publication_period` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_cases_list_ck" CHECK(list IN ('abnormal', 'serious')),
	CONSTRAINT "credit_cases_ground_ck" CHECK(ground IN ('d1_1', 'd1_2', 'd1_3', 'd1_4', 'd1_5', 'd1_6', 'd1_7', 'd4_1', 'd4_2', 'd4_3', 'd4_4', 'd4_5', 'd4_6', 'd4_7', 'd4_8')),
	CONSTRAINT "credit_cases_state_ck" CHECK(state IN ('candidate', 'notified', 'objected', 'listed', 'dropped', 'removed')),
	CONSTRAINT "credit_cases_listed_ck" CHECK((state IN ('listed', 'removed')) = (listed_on IS NOT NULL)),
	CONSTRAINT "credit_cases_removed_ck" CHECK((state = 'removed') = (removed_on IS NOT NULL AND removal_reason IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_cases_source_uq` ON `credit_cases` (`source_key`);--> statement-breakpoint
CREATE INDEX `credit_cases_org_idx` ON `credit_cases` (`org_id`,`list`,`state`);--> statement-breakpoint
CREATE INDEX `credit_cases_queue_idx` ON `credit_cases` (`authority_id`,`state`,`arisen_on`);--> statement-breakpoint
CREATE INDEX `credit_cases_public_idx` ON `credit_cases` (`state`,`list`,`listed_on`);--> statement-breakpoint
CREATE TABLE `credit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_user_id` integer,
	`actor_role` text NOT NULL,
	`actor_name` text,
	`at` text NOT NULL,
	`details` text,
	FOREIGN KEY (`case_id`) REFERENCES `credit_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `credit_events_case_idx` ON `credit_events` (`case_id`,`id`);