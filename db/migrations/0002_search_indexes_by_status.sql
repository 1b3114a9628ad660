DROP INDEX `organizations_name_idx`;--> statement-breakpoint
DROP INDEX `organizations_terminated_name_idx`;--> statement-breakpoint
DROP INDEX `organizations_authority_idx`;--> statement-breakpoint
DROP INDEX `organizations_type_idx`;--> statement-breakpoint
CREATE INDEX `organizations_status_name_idx` ON `organizations` (`status`,`name`);--> statement-breakpoint
CREATE INDEX `organizations_authority_idx` ON `organizations` (`authority_id`,`status`,`name`);--> statement-breakpoint
CREATE INDEX `organizations_type_idx` ON `organizations` (`type`,`status`,`name`);