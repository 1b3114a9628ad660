CREATE TABLE `account_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`secret_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "account_tokens_purpose_ck" CHECK(purpose IN ('activation'))
);
--> statement-breakpoint
CREATE INDEX `account_tokens_user_idx` ON `account_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "login_throttle_failures_ck" CHECK("login_throttle"."failures" >= 0)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
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
	CONSTRAINT "users_role_ck" CHECK(role IN ('org', 'supervisor', 'registrar', 'admin')),
	CONSTRAINT "users_status_ck" CHECK(status IN ('pending', 'active', 'disabled')),
	CONSTRAINT "users_username_ck" CHECK("users"."username" = lower("users"."username") AND length("users"."username") BETWEEN 3 AND 40),
	CONSTRAINT "users_scope_ck" CHECK((role = 'org' AND org_id IS NOT NULL AND authority_id IS NULL AND supervisor_unit_id IS NULL)
       OR (role = 'registrar' AND authority_id IS NOT NULL AND org_id IS NULL AND supervisor_unit_id IS NULL AND is_org_admin = 0)
       OR (role = 'supervisor' AND supervisor_unit_id IS NOT NULL AND org_id IS NULL AND authority_id IS NULL AND is_org_admin = 0)
       OR (role = 'admin' AND org_id IS NULL AND authority_id IS NULL AND supervisor_unit_id IS NULL AND is_org_admin = 0)),
	CONSTRAINT "users_active_has_password_ck" CHECK(status <> 'active' OR password_hash IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_org_idx` ON `users` (`org_id`);--> statement-breakpoint
CREATE INDEX `users_authority_idx` ON `users` (`authority_id`);--> statement-breakpoint
CREATE INDEX `users_supervisor_unit_idx` ON `users` (`supervisor_unit_id`);--> statement-breakpoint
CREATE TABLE `supervisor_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "supervisor_units_name_ck" CHECK(length(trim("supervisor_units"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervisor_units_name_uq` ON `supervisor_units` (`name`);--> statement-breakpoint
ALTER TABLE `organizations` ADD `supervisor_unit_id` integer REFERENCES supervisor_units(id);--> statement-breakpoint
CREATE INDEX `organizations_supervisor_unit_idx` ON `organizations` (`supervisor_unit_id`);--> statement-breakpoint
-- Supervisor units for the supervisors already registered, and the links (same as src/registry/supervisor-units.ts).
INSERT INTO `supervisor_units` (`name`)
  SELECT DISTINCT trim(`supervisor`) FROM `organizations`
  WHERE `supervision_mode` = 'supervised' AND `supervisor` IS NOT NULL AND trim(`supervisor`) <> ''
  ON CONFLICT (`name`) DO NOTHING;--> statement-breakpoint
UPDATE `organizations`
  SET `supervisor_unit_id` = (SELECT s.`id` FROM `supervisor_units` s WHERE s.`name` = trim(`organizations`.`supervisor`))
  WHERE `supervision_mode` = 'supervised' AND `supervisor` IS NOT NULL;
