PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_announcements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`document_no` text,
	`published_on` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "announcements_kind_ck" CHECK(kind IN ('establishment', 'change', 'deregistration', 'revocation', 'license_revocation', 'rating_change'))
);
--> statement-breakpoint
INSERT INTO `__new_announcements`("id", "org_id", "authority_id", "kind", "title", "body", "document_no", "published_on", "created_at") SELECT "id", "org_id", "authority_id", "kind", "title", "body", "document_no", "published_on", "created_at" FROM `announcements`;--> statement-breakpoint
DROP TABLE `announcements`;--> statement-breakpoint
ALTER TABLE `__new_announcements` RENAME TO `announcements`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `announcements_org_idx` ON `announcements` (`org_id`,`published_on`);--> statement-breakpoint
CREATE INDEX `announcements_authority_idx` ON `announcements` (`authority_id`,`published_on`);--> statement-breakpoint
CREATE INDEX `announcements_published_idx` ON `announcements` (`published_on`,`id`);--> statement-breakpoint
-- Rebuilding the table dropped its triggers (0016): the cached public pages must still follow new 公告.
CREATE TRIGGER `announcements_ai_version` AFTER INSERT ON `announcements` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcements_au_version` AFTER UPDATE ON `announcements` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcements_ad_version` AFTER DELETE ON `announcements` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
