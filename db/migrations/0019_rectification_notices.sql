CREATE TABLE `rectification_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`source` text DEFAULT 'standalone' NOT NULL,
	`source_id` integer,
	`document_no` text NOT NULL,
	`facts` text NOT NULL,
	`items` text NOT NULL,
	`served_on` text NOT NULL,
	`deadline` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`rounds` text DEFAULT '[]' NOT NULL,
	`accepted_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rectification_notices_state_ck" CHECK(state IN ('open', 'reported', 'accepted')),
	CONSTRAINT "rectification_notices_source_ck" CHECK(source IN ('inspection', 'zombie', 'standalone')),
	CONSTRAINT "rectification_notices_accepted_ck" CHECK((state = 'accepted') = (accepted_on IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `rectification_notices_org_idx` ON `rectification_notices` (`org_id`,`state`);--> statement-breakpoint
CREATE INDEX `rectification_notices_authority_idx` ON `rectification_notices` (`authority_id`,`state`,`deadline`);