CREATE TABLE `registration_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`authority_id` integer NOT NULL,
	`org_id` integer,
	`state` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`link_id` text,
	`link_secret_hash` text,
	`applicant_name` text NOT NULL,
	`applicant_phone` text,
	`data` text NOT NULL,
	`submitted_on` text,
	`due_on` text,
	`correction_reason` text,
	`correction_deadline` text,
	`correction_comments` text,
	`decided_on` text,
	`decision_reason` text,
	`document_no` text,
	`created_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "registration_applications_kind_ck" CHECK(kind IN ('establishment', 'change', 'charter', 'deregistration')),
	CONSTRAINT "registration_applications_state_ck" CHECK(state IN ('draft', 'submitted', 'returned', 'approved', 'refused', 'withdrawn')),
	CONSTRAINT "registration_applications_channel_ck" CHECK(channel IN ('online', 'paper')),
	CONSTRAINT "registration_applications_org_ck" CHECK(kind = 'establishment' OR org_id IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_applications_link_uq` ON `registration_applications` (`link_id`);--> statement-breakpoint
CREATE INDEX `registration_applications_queue_idx` ON `registration_applications` (`authority_id`,`state`,`due_on`);--> statement-breakpoint
CREATE INDEX `registration_applications_org_idx` ON `registration_applications` (`org_id`,`id`);--> statement-breakpoint
CREATE TABLE `registration_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`actor_role` text NOT NULL,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`reason` text,
	`deadline` text,
	`comments` text,
	`snapshot` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `registration_applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `registration_events_application_idx` ON `registration_events` (`application_id`,`id`);--> statement-breakpoint
CREATE TABLE `uscc_sequences` (
	`authority_id` integer NOT NULL,
	`org_type` text NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`authority_id`, `org_type`),
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action
);
