CREATE TABLE `application_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`kind` text NOT NULL,
	`filename` text NOT NULL,
	`storage_key` text NOT NULL,
	`sha256` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `registration_applications`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "application_attachments_kind_ck" CHECK(kind IN ('charter', 'capital', 'premises', 'other')),
	CONSTRAINT "application_attachments_type_ck" CHECK(content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
	CONSTRAINT "application_attachments_size_ck" CHECK("application_attachments"."size" > 0 AND "application_attachments"."size" <= 10485760)
);
--> statement-breakpoint
CREATE INDEX `application_attachments_app_idx` ON `application_attachments` (`application_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `application_attachments_key_uq` ON `application_attachments` (`storage_key`);--> statement-breakpoint
ALTER TABLE `supervisor_units` ADD `authority_id` integer REFERENCES authorities(id);--> statement-breakpoint
CREATE INDEX `supervisor_units_authority_idx` ON `supervisor_units` (`authority_id`);