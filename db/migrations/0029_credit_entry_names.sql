ALTER TABLE `credit_cases` ADD `name_key` text;--> statement-breakpoint
-- Fill before indexing: one pass over the cases, each looking its organization up by primary key.
UPDATE `credit_cases` SET `name_key` = (SELECT lower(`name`) FROM `organizations` o WHERE o.`id` = `credit_cases`.`org_id`);--> statement-breakpoint
DROP INDEX `credit_cases_listed_idx`;--> statement-breakpoint
DROP INDEX `credit_cases_removed_idx`;--> statement-breakpoint
CREATE INDEX `credit_cases_listed_name_idx` ON `credit_cases` (`state`,`listed_on`,`id`,`name_key`);--> statement-breakpoint
CREATE INDEX `credit_cases_removed_name_idx` ON `credit_cases` (`state`,`removed_on`,`id`,`name_key`);--> statement-breakpoint
CREATE INDEX `credit_cases_ground_idx` ON `credit_cases` (`state`,`ground`,`listed_on`,`id`);--> statement-breakpoint
-- A new case takes its organization's name; a renamed organization renames its cases (R-D8 lists the current name).
CREATE TRIGGER `credit_cases_ai_name_key` AFTER INSERT ON `credit_cases` WHEN NEW.`name_key` IS NULL BEGIN
  UPDATE `credit_cases` SET `name_key` = (SELECT lower(`name`) FROM `organizations` WHERE `id` = NEW.`org_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `organizations_au_credit_name_key` AFTER UPDATE OF `name` ON `organizations` WHEN NEW.`name` IS NOT OLD.`name` BEGIN
  UPDATE `credit_cases` SET `name_key` = lower(NEW.`name`) WHERE `org_id` = NEW.`id`;
END;
