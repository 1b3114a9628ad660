PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_zombie_signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`signal` text NOT NULL,
	`facts` text NOT NULL,
	`first_seen_on` text NOT NULL,
	`closed_on` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "zombie_signals_signal_ck" CHECK(signal IN ('missed_inspections', 'no_activity_after_certificate', 'no_in_scope_activity', 'unreachable'))
);
--> statement-breakpoint
INSERT INTO `__new_zombie_signals`("id", "org_id", "authority_id", "signal", "facts", "first_seen_on", "closed_on") SELECT "id", "org_id", "authority_id", "signal", "facts", "first_seen_on", "closed_on" FROM `zombie_signals`;--> statement-breakpoint
DROP TABLE `zombie_signals`;--> statement-breakpoint
ALTER TABLE `__new_zombie_signals` RENAME TO `zombie_signals`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `zombie_signals_open_uq` ON `zombie_signals` (`org_id`,`signal`) WHERE closed_on IS NULL;--> statement-breakpoint
CREATE INDEX `zombie_signals_triage_idx` ON `zombie_signals` (`authority_id`,`closed_on`,`org_id`);--> statement-breakpoint
CREATE INDEX `zombie_signals_open_signal_idx` ON `zombie_signals` (`signal`,`org_id`) WHERE closed_on IS NULL;