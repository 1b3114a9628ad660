CREATE TABLE `zombie_assignments` (
	`org_id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`assigned_by` integer,
	`assigned_on` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `zombie_case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_name` text,
	`at` text NOT NULL,
	`details` text,
	FOREIGN KEY (`case_id`) REFERENCES `zombie_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `zombie_case_events_case_idx` ON `zombie_case_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `zombie_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`outcome` text,
	`opened_on` text NOT NULL,
	`signals` text NOT NULL,
	`evidence` text NOT NULL,
	`assignee_user_id` integer,
	`rectification_notice_id` integer,
	`deregistration_invited_on` text,
	`notice_method` text,
	`notice_document_no` text,
	`notice_published_on` text,
	`notice_served_on` text,
	`window_ends_on` text,
	`hearing_requested_on` text,
	`hearing_held_on` text,
	`hearing_outcome` text,
	`decision_kind` text,
	`decision_document_no` text,
	`decided_on` text,
	`decision_reasons` text,
	`certificate_note` text,
	`closed_on` text,
	`close_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "zombie_cases_state_ck" CHECK(state IN ('open', 'investigating', 'rectifying', 'deregistering', 'notified', 'hearing', 'decided', 'closed')),
	CONSTRAINT "zombie_cases_outcome_ck" CHECK((state = 'closed') = (outcome IS NOT NULL)),
	CONSTRAINT "zombie_cases_method_ck" CHECK(notice_method IS NULL OR notice_method IN ('mail', 'publication')),
	CONSTRAINT "zombie_cases_kind_ck" CHECK(decision_kind IS NULL OR decision_kind IN ('revocation', 'license_revocation'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zombie_cases_open_uq` ON `zombie_cases` (`org_id`) WHERE state <> 'closed';--> statement-breakpoint
CREATE INDEX `zombie_cases_authority_idx` ON `zombie_cases` (`authority_id`,`state`);--> statement-breakpoint
CREATE INDEX `zombie_cases_closed_idx` ON `zombie_cases` (`closed_on`);--> statement-breakpoint
CREATE TABLE `zombie_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`case_id` integer,
	`kind` text NOT NULL,
	`on` text NOT NULL,
	`by_name` text NOT NULL,
	`reached` integer NOT NULL,
	`outcome` text NOT NULL,
	`recorded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `zombie_cases`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "zombie_contacts_kind_ck" CHECK(kind IN ('phone', 'visit', 'letter', 'other'))
);
--> statement-breakpoint
CREATE INDEX `zombie_contacts_org_idx` ON `zombie_contacts` (`org_id`,`on`);