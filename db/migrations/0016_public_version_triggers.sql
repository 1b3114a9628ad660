-- The public pages about one organization are cached per process (src/registry/detail-cache.ts) and validated against
-- register_version like the search (0003): its 公告 and its credit list entries must invalidate them too.
CREATE TRIGGER `announcements_ai_version` AFTER INSERT ON `announcements` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcements_au_version` AFTER UPDATE ON `announcements` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcements_ad_version` AFTER DELETE ON `announcements` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `credit_cases_ai_version` AFTER INSERT ON `credit_cases` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `credit_cases_au_version` AFTER UPDATE ON `credit_cases` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `annual_inspections_conclusion_version` AFTER UPDATE OF `conclusion`, `concluded_on` ON `annual_inspections` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
