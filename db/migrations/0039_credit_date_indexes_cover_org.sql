DROP INDEX `credit_cases_listed_on_idx`;--> statement-breakpoint
DROP INDEX `credit_cases_removed_on_idx`;--> statement-breakpoint
CREATE INDEX `credit_cases_listed_on_idx` ON `credit_cases` (`listed_on`,`removed_on`,`org_id`);--> statement-breakpoint
CREATE INDEX `credit_cases_removed_on_idx` ON `credit_cases` (`removed_on`,`listed_on`,`org_id`);