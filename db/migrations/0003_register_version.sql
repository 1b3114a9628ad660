-- A counter that changes whenever anything search shows changes (src/registry/search-cache.ts).
-- Kept by triggers so every writer — the app, the importer, another process, a Worker isolate — bumps it, and a
-- cached search result is served only while the version it was computed at is still current.
CREATE TABLE `register_version` (`id` integer PRIMARY KEY CHECK (`id` = 1), `version` integer NOT NULL);
--> statement-breakpoint
INSERT INTO `register_version` (`id`, `version`) VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER `organizations_ai_version` AFTER INSERT ON `organizations` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_au_version` AFTER UPDATE ON `organizations` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_ad_version` AFTER DELETE ON `organizations` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `authorities_au_version` AFTER UPDATE ON `authorities` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
