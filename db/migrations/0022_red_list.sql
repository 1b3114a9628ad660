CREATE TABLE `red_list_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`listed_on` text NOT NULL,
	`removed_on` text,
	`removal_reason` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "red_list_removed_ck" CHECK((removed_on IS NULL) = (removal_reason IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `red_list_open_uq` ON `red_list_entries` (`org_id`) WHERE removed_on IS NULL;--> statement-breakpoint
CREATE INDEX `red_list_public_idx` ON `red_list_entries` (`removed_on`,`listed_on`);