CREATE TABLE `credit_case_people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`role` text NOT NULL,
	`person_name` text NOT NULL,
	`person_key` text,
	`id_tail` text,
	`recorded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `credit_cases`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_case_people_role_ck" CHECK(role IN ('legal_representative', 'principal')),
	CONSTRAINT "credit_case_people_key_ck" CHECK((person_key IS NULL) = (id_tail IS NULL))
);
--> statement-breakpoint
CREATE INDEX `credit_case_people_case_idx` ON `credit_case_people` (`case_id`);--> statement-breakpoint
CREATE INDEX `credit_case_people_key_idx` ON `credit_case_people` (`person_key`);--> statement-breakpoint
CREATE INDEX `credit_case_people_name_idx` ON `credit_case_people` (`person_name`);