DROP INDEX `annual_inspections_statistics_idx`;--> statement-breakpoint
CREATE INDEX `annual_inspections_statistics_idx` ON `annual_inspections` (`year`,`state`,`conclusion`,`org_id`,`published_on`);