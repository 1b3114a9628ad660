DROP INDEX `red_list_public_idx`;--> statement-breakpoint
CREATE INDEX `red_list_public_idx` ON `red_list_entries` (`removed_on`,`listed_on`,`id`);--> statement-breakpoint
CREATE INDEX `credit_cases_listed_idx` ON `credit_cases` (`state`,`listed_on`,`id`);--> statement-breakpoint
CREATE INDEX `credit_cases_removed_idx` ON `credit_cases` (`state`,`removed_on`,`id`);