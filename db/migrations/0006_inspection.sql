CREATE TABLE `annual_inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`year` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`org_type` text NOT NULL,
	`supervision_mode` text NOT NULL,
	`supervisor_unit_id` integer,
	`state` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`act_version` integer DEFAULT 1 NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`holder_user_id` integer,
	`holder_at` text,
	`state_since` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`submitted_at` text,
	`last_submitted_at` text,
	`correction_reason` text,
	`correction_deadline` text,
	`conclusion` text,
	`concluded_on` text,
	`published_on` text,
	`warning_count` integer DEFAULT 0 NOT NULL,
	`submit_key` text,
	`submit_key_version` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`year_id`) REFERENCES `inspection_years`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "annual_inspections_state_ck" CHECK(state IN ('draft', 'submitted', 'pre_review', 'returned', 'supervisor_review', 'registrar_review', 'concluded', 'published', 'not_filed')),
	CONSTRAINT "annual_inspections_conclusion_ck" CHECK("annual_inspections"."conclusion" IS NULL OR conclusion IN ('qualified', 'basically_qualified', 'unqualified')),
	CONSTRAINT "annual_inspections_concluded_ck" CHECK("annual_inspections"."state" NOT IN ('concluded', 'published') OR ("annual_inspections"."conclusion" IS NOT NULL AND "annual_inspections"."concluded_on" IS NOT NULL)),
	CONSTRAINT "annual_inspections_type_ck" CHECK(org_type IN ('social_group', 'private_non_enterprise', 'foundation')),
	CONSTRAINT "annual_inspections_supervision_ck" CHECK(supervision_mode IN ('supervised', 'direct', 'decoupled')),
	CONSTRAINT "annual_inspections_counts_ck" CHECK("annual_inspections"."version" >= 1 AND "annual_inspections"."round" >= 0 AND "annual_inspections"."warning_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `annual_inspections_org_year_uq` ON `annual_inspections` (`org_id`,`year`);--> statement-breakpoint
CREATE INDEX `annual_inspections_queue_idx` ON `annual_inspections` (`authority_id`,`year`,`state`,`state_since`);--> statement-breakpoint
CREATE INDEX `annual_inspections_supervisor_queue_idx` ON `annual_inspections` (`supervisor_unit_id`,`year`,`state`,`state_since`);--> statement-breakpoint
CREATE INDEX `annual_inspections_published_idx` ON `annual_inspections` (`year`,`state`,`published_on`);--> statement-breakpoint
CREATE INDEX `annual_inspections_year_idx` ON `annual_inspections` (`year_id`,`state`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "holidays_kind_ck" CHECK(kind IN ('holiday', 'workday')),
	CONSTRAINT "holidays_date_ck" CHECK("holidays"."date" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holidays_date_uq` ON `holidays` (`date`);--> statement-breakpoint
CREATE TABLE `inspection_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`filing_id` integer NOT NULL,
	`section` text NOT NULL,
	`filename` text NOT NULL,
	`storage_key` text NOT NULL,
	`sha256` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by_user_id` integer,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`filing_id`) REFERENCES `annual_inspections`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inspection_attachments_type_ck" CHECK(content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
	CONSTRAINT "inspection_attachments_size_ck" CHECK("inspection_attachments"."size" > 0 AND "inspection_attachments"."size" <= 10485760)
);
--> statement-breakpoint
CREATE INDEX `inspection_attachments_filing_idx` ON `inspection_attachments` (`filing_id`,`section`);--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_attachments_key_uq` ON `inspection_attachments` (`storage_key`);--> statement-breakpoint
CREATE TABLE `inspection_problems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`filing_id` integer NOT NULL,
	`description` text NOT NULL,
	`severity` text NOT NULL,
	`section` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`filing_id`) REFERENCES `annual_inspections`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inspection_problems_severity_ck" CHECK(severity IN ('minor', 'serious')),
	CONSTRAINT "inspection_problems_description_ck" CHECK(length(trim("inspection_problems"."description")) > 0)
);
--> statement-breakpoint
CREATE INDEX `inspection_problems_filing_idx` ON `inspection_problems` (`filing_id`);--> statement-breakpoint
CREATE TABLE `inspection_queue_counts` (
	`authority_id` integer NOT NULL,
	`year` integer NOT NULL,
	`supervisor_unit_id` integer NOT NULL,
	`state` text NOT NULL,
	`org_type` text NOT NULL,
	`warned` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`authority_id`, `year`, `supervisor_unit_id`, `state`, `org_type`, `warned`)
);
--> statement-breakpoint
CREATE INDEX `inspection_queue_counts_supervisor_idx` ON `inspection_queue_counts` (`supervisor_unit_id`,`year`);--> statement-breakpoint
CREATE TABLE `inspection_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`filing_id` integer NOT NULL,
	`round` integer NOT NULL,
	`snapshot` text NOT NULL,
	`checks` text NOT NULL,
	`submitted_at` text NOT NULL,
	`submitted_by_user_id` integer,
	`returned_at` text,
	`returned_by_user_id` integer,
	`returned_by_name` text,
	`reason` text,
	`deadline` text,
	`comments` text,
	FOREIGN KEY (`filing_id`) REFERENCES `annual_inspections`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inspection_rounds_round_ck" CHECK("inspection_rounds"."round" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_rounds_filing_round_uq` ON `inspection_rounds` (`filing_id`,`round`);--> statement-breakpoint
CREATE TABLE `inspection_sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`filing_id` integer NOT NULL,
	`section` text NOT NULL,
	`data` text NOT NULL,
	`saved_version` integer NOT NULL,
	`updated_by_user_id` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`filing_id`) REFERENCES `annual_inspections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_sections_filing_section_uq` ON `inspection_sections` (`filing_id`,`section`);--> statement-breakpoint
CREATE TABLE `inspection_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`filing_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`actor_user_id` integer,
	`actor_role` text NOT NULL,
	`actor_name` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`details` text,
	FOREIGN KEY (`filing_id`) REFERENCES `annual_inspections`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inspection_transitions_from_ck" CHECK(from_state IN ('draft', 'submitted', 'pre_review', 'returned', 'supervisor_review', 'registrar_review', 'concluded', 'published', 'not_filed')),
	CONSTRAINT "inspection_transitions_to_ck" CHECK(to_state IN ('draft', 'submitted', 'pre_review', 'returned', 'supervisor_review', 'registrar_review', 'concluded', 'published', 'not_filed'))
);
--> statement-breakpoint
CREATE INDEX `inspection_transitions_filing_idx` ON `inspection_transitions` (`filing_id`,`id`);--> statement-breakpoint
CREATE TABLE `inspection_years` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authority_id` integer NOT NULL,
	`year` integer NOT NULL,
	`windows` text NOT NULL,
	`cutoff_on` text NOT NULL,
	`required_count` integer DEFAULT 0 NOT NULL,
	`not_filed_marked_at` text,
	`opened_by_user_id` integer,
	`opened_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inspection_years_year_ck" CHECK("inspection_years"."year" BETWEEN 1990 AND 2200)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_years_authority_year_uq` ON `inspection_years` (`authority_id`,`year`);--> statement-breakpoint
CREATE TABLE `notice_reads` (
	`notice_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`read_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`notice_id`, `user_id`),
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`org_id` integer,
	`authority_id` integer,
	`supervisor_unit_id` integer,
	`text` text NOT NULL,
	`href` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "notices_one_addressee_ck" CHECK(("notices"."user_id" IS NOT NULL) + ("notices"."org_id" IS NOT NULL) + ("notices"."authority_id" IS NOT NULL) + ("notices"."supervisor_unit_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `notices_user_idx` ON `notices` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notices_org_idx` ON `notices` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `notices_authority_idx` ON `notices` (`authority_id`,`id`);--> statement-breakpoint
CREATE INDEX `notices_supervisor_idx` ON `notices` (`supervisor_unit_id`,`id`);--> statement-breakpoint
CREATE TABLE `write_guard` (
	`id` integer PRIMARY KEY NOT NULL,
	`ok` integer NOT NULL,
	CONSTRAINT "write_guard_stale_ck" CHECK("write_guard"."ok" = 1)
);
--> statement-breakpoint
-- The queue's counts per state (src/inspection/service.ts queue), kept by triggers so every writer keeps them right.
INSERT INTO `inspection_queue_counts` (`authority_id`, `year`, `supervisor_unit_id`, `state`, `org_type`, `warned`, `n`)
SELECT `authority_id`, `year`, coalesce(`supervisor_unit_id`, 0), `state`, `org_type`, `warning_count` > 0, count(*)
FROM `annual_inspections` GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE TRIGGER `annual_inspections_counts_ai` AFTER INSERT ON `annual_inspections` BEGIN
  INSERT INTO `inspection_queue_counts` (`authority_id`, `year`, `supervisor_unit_id`, `state`, `org_type`, `warned`, `n`)
  VALUES (NEW.`authority_id`, NEW.`year`, coalesce(NEW.`supervisor_unit_id`, 0), NEW.`state`, NEW.`org_type`, NEW.`warning_count` > 0, 1)
  ON CONFLICT (`authority_id`, `year`, `supervisor_unit_id`, `state`, `org_type`, `warned`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `annual_inspections_counts_ad` AFTER DELETE ON `annual_inspections` BEGIN
  UPDATE `inspection_queue_counts` SET `n` = `n` - 1
  WHERE `authority_id` = OLD.`authority_id` AND `year` = OLD.`year` AND `supervisor_unit_id` = coalesce(OLD.`supervisor_unit_id`, 0)
    AND `state` = OLD.`state` AND `org_type` = OLD.`org_type` AND `warned` = (OLD.`warning_count` > 0);
END;
--> statement-breakpoint
CREATE TRIGGER `annual_inspections_counts_au`
AFTER UPDATE OF `authority_id`, `year`, `supervisor_unit_id`, `state`, `org_type`, `warning_count` ON `annual_inspections`
WHEN OLD.`authority_id` IS NOT NEW.`authority_id` OR OLD.`year` IS NOT NEW.`year`
  OR OLD.`supervisor_unit_id` IS NOT NEW.`supervisor_unit_id` OR OLD.`state` IS NOT NEW.`state`
  OR OLD.`org_type` IS NOT NEW.`org_type` OR (OLD.`warning_count` > 0) IS NOT (NEW.`warning_count` > 0)
BEGIN
  UPDATE `inspection_queue_counts` SET `n` = `n` - 1
  WHERE `authority_id` = OLD.`authority_id` AND `year` = OLD.`year` AND `supervisor_unit_id` = coalesce(OLD.`supervisor_unit_id`, 0)
    AND `state` = OLD.`state` AND `org_type` = OLD.`org_type` AND `warned` = (OLD.`warning_count` > 0);
  INSERT INTO `inspection_queue_counts` (`authority_id`, `year`, `supervisor_unit_id`, `state`, `org_type`, `warned`, `n`)
  VALUES (NEW.`authority_id`, NEW.`year`, coalesce(NEW.`supervisor_unit_id`, 0), NEW.`state`, NEW.`org_type`, NEW.`warning_count` > 0, 1)
  ON CONFLICT (`authority_id`, `year`, `supervisor_unit_id`, `state`, `org_type`, `warned`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
-- Public pages and the open-data API show conclusions (and may filter by them): a conclusion, publication or
-- 未参检 invalidates cached public search results like any register change does (see 0003_register_version.sql).
CREATE TRIGGER `annual_inspections_register_version` AFTER UPDATE OF `state` ON `annual_inspections`
WHEN NEW.`state` IN ('concluded', 'published', 'not_filed') AND OLD.`state` IS NOT NEW.`state`
BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
