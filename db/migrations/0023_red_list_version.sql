-- The organization page shows its 红名单 standing: a listing or a removal invalidates the cached public pages (0003, 0016).
CREATE TRIGGER `red_list_entries_ai_version` AFTER INSERT ON `red_list_entries` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `red_list_entries_au_version` AFTER UPDATE ON `red_list_entries` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
