ALTER TABLE `supervisor_units` ADD `authority_id` integer REFERENCES authorities(id);--> statement-breakpoint
CREATE INDEX `supervisor_units_authority_idx` ON `supervisor_units` (`authority_id`);