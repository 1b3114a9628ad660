CREATE TABLE `penalties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer,
	`suspended_from` text,
	`suspended_to` text,
	`department` text NOT NULL,
	`document_no` text NOT NULL,
	`decided_on` text NOT NULL,
	`facts` text NOT NULL,
	`recorded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "penalties_kind_ck" CHECK(kind IN ('warning', 'fine', 'confiscation', 'suspension')),
	CONSTRAINT "penalties_fine_ck" CHECK((kind = 'fine') = (amount_fen IS NOT NULL AND amount_fen > 0)),
	CONSTRAINT "penalties_suspension_ck" CHECK((kind = 'suspension') = (suspended_from IS NOT NULL AND suspended_to IS NOT NULL AND suspended_to >= suspended_from))
);
--> statement-breakpoint
CREATE INDEX `penalties_org_idx` ON `penalties` (`org_id`,`decided_on`);