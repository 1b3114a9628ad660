CREATE TABLE `cadre_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`person_name` text NOT NULL,
	`person_key` text NOT NULL,
	`id_tail` text NOT NULL,
	`birth_date` text NOT NULL,
	`status` text NOT NULL,
	`level` text NOT NULL,
	`cadre_position` text NOT NULL,
	`post_kind` text NOT NULL,
	`post_title` text NOT NULL,
	`is_legal_representative` integer DEFAULT false NOT NULL,
	`term_start` text NOT NULL,
	`term_end` text,
	`term_number` integer DEFAULT 1 NOT NULL,
	`approval_doc` text,
	`approved_on` text,
	`paid` integer DEFAULT false NOT NULL,
	`ended_on` text,
	`end_reason` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cadre_posts_status_ck" CHECK(status IN ('retired', 'serving')),
	CONSTRAINT "cadre_posts_level_ck" CHECK(level IN ('section_or_below', 'county', 'bureau', 'province')),
	CONSTRAINT "cadre_posts_post_kind_ck" CHECK(post_kind IN ('chair', 'vice_chair', 'secretary_general', 'director', 'supervisor', 'other')),
	CONSTRAINT "cadre_posts_term_ck" CHECK(term_number BETWEEN 1 AND 20 AND (term_end IS NULL OR term_end >= term_start)),
	CONSTRAINT "cadre_posts_ended_ck" CHECK((ended_on IS NULL) = (end_reason IS NULL)),
	CONSTRAINT "cadre_posts_tail_ck" CHECK(length(id_tail) = 4)
);
--> statement-breakpoint
CREATE INDEX `cadre_posts_person_idx` ON `cadre_posts` (`person_key`);--> statement-breakpoint
CREATE INDEX `cadre_posts_org_idx` ON `cadre_posts` (`org_id`);--> statement-breakpoint
CREATE INDEX `cadre_posts_authority_idx` ON `cadre_posts` (`authority_id`,`ended_on`);--> statement-breakpoint
CREATE TABLE `party_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`kind` text NOT NULL,
	`topic` text NOT NULL,
	`attendance` integer NOT NULL,
	`attachment_key` text,
	`attachment_name` text,
	`recorded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "party_activities_kind_ck" CHECK(kind IN ('three_meetings', 'theme_day', 'life_meeting')),
	CONSTRAINT "party_activities_attendance_ck" CHECK(attendance BETWEEN 0 AND 100000)
);
--> statement-breakpoint
CREATE INDEX `party_activities_org_idx` ON `party_activities` (`org_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `party_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`kind` text NOT NULL,
	`term_end` text NOT NULL,
	`raised_on` text NOT NULL,
	`closed_on` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "party_alerts_kind_ck" CHECK(kind IN ('term_due', 'term_overdue'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `party_alerts_open_uq` ON `party_alerts` (`org_id`,`kind`) WHERE closed_on IS NULL;--> statement-breakpoint
CREATE INDEX `party_alerts_authority_idx` ON `party_alerts` (`authority_id`,`closed_on`);--> statement-breakpoint
CREATE TABLE `party_member_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`as_of` text NOT NULL,
	`full_members` integer NOT NULL,
	`probationary_members` integer NOT NULL,
	`activists` integer DEFAULT 0 NOT NULL,
	`source` text NOT NULL,
	`source_ref` text,
	`recorded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "party_member_counts_source_ck" CHECK(source IN ('ledger', 'inspection', 'registration')),
	CONSTRAINT "party_member_counts_range_ck" CHECK(full_members BETWEEN 0 AND 100000 AND probationary_members BETWEEN 0 AND 100000 AND activists BETWEEN 0 AND 100000)
);
--> statement-breakpoint
CREATE INDEX `party_member_counts_org_idx` ON `party_member_counts` (`org_id`,`as_of`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `party_member_counts_source_uq` ON `party_member_counts` (`source_ref`) WHERE source_ref IS NOT NULL;--> statement-breakpoint
CREATE TABLE `party_org_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`has_party_org` integer NOT NULL,
	`org_type` text,
	`name` text,
	`approval_doc` text,
	`approved_on` text,
	`parent_org` text,
	`leading_body` text,
	`covered_org_ids` text DEFAULT '[]' NOT NULL,
	`secretary_name` text,
	`secretary_is_officer` integer DEFAULT false NOT NULL,
	`committee_size` integer,
	`committee_members` text,
	`term_start` text,
	`term_end` text,
	`in_charter` integer DEFAULT false NOT NULL,
	`instructor_name` text,
	`instructor_unit` text,
	`instructor_appointed_on` text,
	`note` text,
	`submitted_by` integer,
	`submitted_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`decision_reason` text,
	`effective_on` text,
	`superseded_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "party_org_versions_state_ck" CHECK(state IN ('pending', 'confirmed', 'rejected', 'withdrawn')),
	CONSTRAINT "party_org_versions_type_ck" CHECK(org_type IS NULL OR org_type IN ('party_committee', 'general_branch', 'branch', 'joint_branch', 'functional_branch')),
	CONSTRAINT "party_org_versions_has_org_ck" CHECK((has_party_org = 1 AND org_type IS NOT NULL AND name IS NOT NULL) OR (has_party_org = 0 AND org_type IS NULL)),
	CONSTRAINT "party_org_versions_covered_ck" CHECK(json_valid(covered_org_ids) AND json_type(covered_org_ids) = 'array' AND json_array_length(covered_org_ids) <= 5),
	CONSTRAINT "party_org_versions_committee_ck" CHECK(committee_size IS NULL OR committee_size BETWEEN 1 AND 99),
	CONSTRAINT "party_org_versions_confirmed_ck" CHECK((state = 'confirmed') = (effective_on IS NOT NULL) AND (superseded_on IS NULL OR state = 'confirmed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `party_org_versions_pending_uq` ON `party_org_versions` (`org_id`) WHERE state = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `party_org_versions_current_uq` ON `party_org_versions` (`org_id`) WHERE state = 'confirmed' AND superseded_on IS NULL;--> statement-breakpoint
CREATE INDEX `party_org_versions_org_idx` ON `party_org_versions` (`org_id`,`state`,`effective_on`);--> statement-breakpoint
CREATE INDEX `party_org_versions_authority_idx` ON `party_org_versions` (`authority_id`,`state`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`org_id` integer,
	`is_org_admin` integer DEFAULT false NOT NULL,
	`authority_id` integer,
	`supervisor_unit_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`password_hash` text,
	`password_changed_at` text,
	`created_by_user_id` integer,
	`last_login_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_unit_id`) REFERENCES `supervisor_units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_ck" CHECK(role IN ('org', 'supervisor', 'registrar', 'party', 'admin')),
	CONSTRAINT "users_status_ck" CHECK(status IN ('pending', 'active', 'disabled')),
	CONSTRAINT "users_username_ck" CHECK("__new_users"."username" = lower("__new_users"."username") AND length("__new_users"."username") BETWEEN 3 AND 40),
	CONSTRAINT "users_scope_ck" CHECK((role = 'org' AND org_id IS NOT NULL AND authority_id IS NULL AND supervisor_unit_id IS NULL)
       OR (role = 'registrar' AND authority_id IS NOT NULL AND org_id IS NULL AND supervisor_unit_id IS NULL AND is_org_admin = 0)
       OR (role = 'party' AND authority_id IS NOT NULL AND org_id IS NULL AND supervisor_unit_id IS NULL AND is_org_admin = 0)
       OR (role = 'supervisor' AND supervisor_unit_id IS NOT NULL AND org_id IS NULL AND authority_id IS NULL AND is_org_admin = 0)
       OR (role = 'admin' AND org_id IS NULL AND authority_id IS NULL AND supervisor_unit_id IS NULL AND is_org_admin = 0)),
	CONSTRAINT "users_active_has_password_ck" CHECK(status <> 'active' OR password_hash IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "username", "display_name", "role", "org_id", "is_org_admin", "authority_id", "supervisor_unit_id", "status", "password_hash", "password_changed_at", "created_by_user_id", "last_login_at", "version", "created_at", "updated_at") SELECT "id", "username", "display_name", "role", "org_id", "is_org_admin", "authority_id", "supervisor_unit_id", "status", "password_hash", "password_changed_at", "created_by_user_id", "last_login_at", "version", "created_at", "updated_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_org_idx` ON `users` (`org_id`);--> statement-breakpoint
CREATE INDEX `users_authority_idx` ON `users` (`authority_id`);--> statement-breakpoint
CREATE INDEX `users_supervisor_unit_idx` ON `users` (`supervisor_unit_id`);