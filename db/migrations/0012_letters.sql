CREATE TABLE `letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`addressee` text DEFAULT 'registered_address' NOT NULL,
	`address` text NOT NULL,
	`sent_on` text NOT NULL,
	`tracking_no` text NOT NULL,
	`outcome` text DEFAULT 'pending' NOT NULL,
	`outcome_on` text,
	`outcome_note` text,
	`subject` text,
	`corrects_id` integer,
	`recorded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "letters_purpose_check" CHECK(purpose IN ('address_check', 'prior_notice', 'rectification', 'zombie', 'other')),
	CONSTRAINT "letters_addressee_check" CHECK(addressee IN ('registered_address', 'legal_representative')),
	CONSTRAINT "letters_outcome_check" CHECK(outcome IN ('pending', 'signed', 'unsigned')),
	CONSTRAINT "letters_outcome_date_check" CHECK((outcome = 'pending') = (outcome_on IS NULL))
);
--> statement-breakpoint
CREATE INDEX `letters_org_idx` ON `letters` (`org_id`,`sent_on`);--> statement-breakpoint
CREATE INDEX `letters_authority_idx` ON `letters` (`authority_id`,`sent_on`);