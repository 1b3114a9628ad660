CREATE TABLE `zombie_signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`signal` text NOT NULL,
	`facts` text NOT NULL,
	`first_seen_on` text NOT NULL,
	`closed_on` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "zombie_signals_signal_ck" CHECK(signal IN ('missed_inspections', 'no_activity_after_certificate', 'unreachable'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zombie_signals_open_uq` ON `zombie_signals` (`org_id`,`signal`) WHERE closed_on IS NULL;--> statement-breakpoint
CREATE INDEX `zombie_signals_triage_idx` ON `zombie_signals` (`authority_id`,`closed_on`,`org_id`);