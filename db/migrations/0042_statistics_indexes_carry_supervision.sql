DROP INDEX `organizations_statistics_idx`;--> statement-breakpoint
DROP INDEX `organizations_ended_idx`;--> statement-breakpoint
CREATE INDEX `organizations_statistics_idx` ON `organizations` (`type`,`status`,`registered_on`,`status_on`,`authority_id`,`supervision_mode`,`supervisor_unit_id`);--> statement-breakpoint
CREATE INDEX `organizations_ended_idx` ON `organizations` (`status_on`,`status`,`type`,`authority_id`,`supervision_mode`,`supervisor_unit_id`) WHERE status <> 'active';