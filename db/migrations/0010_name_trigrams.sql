-- Search for name parts of three or more characters (src/registry/search.ts): FTS5's trigram tokenizer indexes every
-- run of three characters, so a 3+-character query is a substring match on a far shorter posting list than a phrase
-- of common bigrams (1- and 2-character queries keep using org_name_grams). External content: the names live in
-- organizations; these triggers keep the index in step whatever writes the table (seeds, imports, registration).
CREATE VIRTUAL TABLE `org_name_tri` USING fts5(`name`, content='organizations', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `org_name_tri` (`org_name_tri`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `org_name_tri_ai` AFTER INSERT ON `organizations` BEGIN
  INSERT INTO `org_name_tri` (rowid, `name`) VALUES (NEW.`id`, NEW.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `org_name_tri_ad` AFTER DELETE ON `organizations` BEGIN
  INSERT INTO `org_name_tri` (`org_name_tri`, rowid, `name`) VALUES ('delete', OLD.`id`, OLD.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `org_name_tri_au` AFTER UPDATE OF `name` ON `organizations` BEGIN
  INSERT INTO `org_name_tri` (`org_name_tri`, rowid, `name`) VALUES ('delete', OLD.`id`, OLD.`name`);
  INSERT INTO `org_name_tri` (rowid, `name`) VALUES (NEW.`id`, NEW.`name`);
END;
