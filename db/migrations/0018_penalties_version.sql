-- A 限期停止活动 shows on the organization's public page while it runs: a new or changed penalty invalidates the
-- cached public pages like any register change (0003, 0016).
CREATE TRIGGER `penalties_ai_version` AFTER INSERT ON `penalties` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `penalties_au_version` AFTER UPDATE ON `penalties` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
