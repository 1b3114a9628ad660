CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor_user_id` integer,
	`actor_username` text,
	`actor_role` text NOT NULL,
	`ip` text,
	`action` text NOT NULL,
	`object_type` text,
	`object_id` text,
	`org_id` integer,
	`summary` text,
	`prev_hash` text,
	`hash` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_org_idx` ON `audit_events` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_unsealed_idx` ON `audit_events` (`id`) WHERE hash IS NULL;--> statement-breakpoint
CREATE TABLE `announcements` (
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
	CONSTRAINT "announcements_kind_ck" CHECK(kind IN ('establishment', 'change', 'deregistration', 'revocation', 'license_revocation'))
);
--> statement-breakpoint
CREATE INDEX `announcements_org_idx` ON `announcements` (`org_id`,`published_on`);--> statement-breakpoint
CREATE INDEX `announcements_authority_idx` ON `announcements` (`authority_id`,`published_on`);--> statement-breakpoint
CREATE TABLE `authorities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`region_code` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "authorities_region_code_ck" CHECK(length("authorities"."region_code") = 6 AND "authorities"."region_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "authorities_level_ck" CHECK(level IN ('national', 'province', 'city', 'district'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authorities_code_uq` ON `authorities` (`code`);--> statement-breakpoint
CREATE INDEX `authorities_parent_idx` ON `authorities` (`parent_id`);--> statement-breakpoint
CREATE TABLE `org_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`kind` text NOT NULL,
	`before` text,
	`after` text,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`reason` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_history_org_idx` ON `org_history` (`org_id`,`at`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uscc` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`type` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_on` text NOT NULL,
	`terminated` integer GENERATED ALWAYS AS ((CASE status WHEN 'active' THEN 0 ELSE 1 END)) VIRTUAL NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`business_scope` text DEFAULT '' NOT NULL,
	`activity_area` text DEFAULT '' NOT NULL,
	`legal_representative` text DEFAULT '' NOT NULL,
	`capital_fen` integer DEFAULT 0 NOT NULL,
	`supervision_mode` text DEFAULT 'supervised' NOT NULL,
	`supervisor` text,
	`party_building_authority` text,
	`authority_id` integer NOT NULL,
	`registered_on` text NOT NULL,
	`certificate_issued_on` text,
	`certificate_valid_from` text,
	`certificate_valid_to` text,
	`phone` text,
	`email` text,
	`website` text,
	`is_charity` integer DEFAULT false NOT NULL,
	`public_fundraising` integer DEFAULT false NOT NULL,
	`foundation_kind` text,
	`rating` text,
	`rating_valid_to` text,
	`staff_full_time` integer,
	`staff_part_time` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "organizations_uscc_ck" CHECK(length("organizations"."uscc") = 18),
	CONSTRAINT "organizations_name_ck" CHECK(length(trim("organizations"."name")) > 0),
	CONSTRAINT "organizations_type_ck" CHECK(type IN ('social_group', 'private_non_enterprise', 'foundation')),
	CONSTRAINT "organizations_status_ck" CHECK(status IN ('active', 'deregistered', 'revoked', 'license_revoked')),
	CONSTRAINT "organizations_supervision_ck" CHECK(supervision_mode IN ('supervised', 'direct', 'decoupled')),
	CONSTRAINT "organizations_capital_ck" CHECK("organizations"."capital_fen" >= 0),
	CONSTRAINT "organizations_dates_ck" CHECK("organizations"."registered_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_uscc_uq` ON `organizations` (`uscc`);--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_authority_name_uq` ON `organizations` (`authority_id`,`name`);--> statement-breakpoint
CREATE INDEX `organizations_name_idx` ON `organizations` (`name`);--> statement-breakpoint
CREATE INDEX `organizations_terminated_name_idx` ON `organizations` (`terminated`,`name`);--> statement-breakpoint
CREATE INDEX `organizations_authority_idx` ON `organizations` (`authority_id`,`terminated`,`name`);--> statement-breakpoint
CREATE INDEX `organizations_type_idx` ON `organizations` (`type`,`terminated`,`name`);--> statement-breakpoint
CREATE INDEX `organizations_registered_idx` ON `organizations` (`registered_on`);