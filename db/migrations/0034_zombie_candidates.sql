CREATE TABLE `zombie_candidates` (
	`org_id` integer PRIMARY KEY NOT NULL,
	`authority_id` integer NOT NULL,
	`type` text NOT NULL,
	`registered_on` text NOT NULL,
	`supervisor_unit_id` integer,
	`signal_count` integer NOT NULL,
	`since` text NOT NULL,
	`missed_years` integer DEFAULT 0 NOT NULL,
	`missed` integer NOT NULL,
	`after_certificate` integer NOT NULL,
	`quiet` integer NOT NULL,
	`unreachable` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `zombie_candidates_strength_idx` ON `zombie_candidates` (signal_count DESC,`since`,`org_id`,`authority_id`,`type`,`registered_on`,`supervisor_unit_id`,`missed`,`after_certificate`,`quiet`,`unreachable`,`missed_years`);--> statement-breakpoint
CREATE INDEX `zombie_candidates_authority_idx` ON `zombie_candidates` (`authority_id`,signal_count DESC,`since`,`org_id`,`type`,`registered_on`,`supervisor_unit_id`,`missed`,`after_certificate`,`quiet`,`unreachable`,`missed_years`);--> statement-breakpoint
CREATE INDEX `zombie_candidates_type_idx` ON `zombie_candidates` (`type`,signal_count DESC,`since`,`org_id`,`authority_id`,`registered_on`,`supervisor_unit_id`,`missed`,`after_certificate`,`quiet`,`unreachable`,`missed_years`);--> statement-breakpoint
CREATE INDEX `zombie_candidates_unit_idx` ON `zombie_candidates` (`supervisor_unit_id`,signal_count DESC,`since`,`org_id`,`authority_id`,`type`,`registered_on`,`missed`,`after_certificate`,`quiet`,`unreachable`,`missed_years`);--> statement-breakpoint
CREATE INDEX `zombie_candidates_missed_years_idx` ON `zombie_candidates` (`missed_years`,signal_count DESC,`since`,`org_id`,`authority_id`,`type`,`registered_on`,`supervisor_unit_id`,`missed`,`after_certificate`,`quiet`,`unreachable`);--> statement-breakpoint
CREATE INDEX `zombie_candidates_registered_idx` ON `zombie_candidates` (`registered_on`,`authority_id`,`type`,`supervisor_unit_id`,`missed`,`after_certificate`,`quiet`,`unreachable`,`missed_years`);--> statement-breakpoint
CREATE INDEX `zombie_candidates_missed_idx` ON `zombie_candidates` (signal_count DESC,`since`,`org_id`,`authority_id`,`type`,`registered_on`,`supervisor_unit_id`,`missed_years`) WHERE missed = 1;--> statement-breakpoint
CREATE INDEX `zombie_candidates_after_certificate_idx` ON `zombie_candidates` (signal_count DESC,`since`,`org_id`,`authority_id`,`type`,`registered_on`,`supervisor_unit_id`,`missed_years`) WHERE after_certificate = 1;--> statement-breakpoint
CREATE INDEX `zombie_candidates_quiet_idx` ON `zombie_candidates` (signal_count DESC,`since`,`org_id`,`authority_id`,`type`,`registered_on`,`supervisor_unit_id`,`missed_years`) WHERE quiet = 1;--> statement-breakpoint
CREATE INDEX `zombie_candidates_unreachable_idx` ON `zombie_candidates` (signal_count DESC,`since`,`org_id`,`authority_id`,`type`,`registered_on`,`supervisor_unit_id`,`missed_years`) WHERE unreachable = 1;--> statement-breakpoint
-- The candidates of the signals open today, each with its organization's filter columns (R-E1).
INSERT INTO `zombie_candidates` (`org_id`, `authority_id`, `type`, `registered_on`, `supervisor_unit_id`, `signal_count`, `since`, `missed`, `after_certificate`, `quiet`, `unreachable`, `missed_years`)
  SELECT o.`id`, o.`authority_id`, o.`type`, o.`registered_on`, o.`supervisor_unit_id`, count(*), min(s.`first_seen_on`),
    max(s.`signal` = 'missed_inspections'), max(s.`signal` = 'no_activity_after_certificate'),
    max(s.`signal` = 'no_in_scope_activity'), max(s.`signal` = 'unreachable'),
      (SELECT count(*) FROM `annual_inspections` m WHERE m.`org_id` = o.`id` AND m.`state` = 'not_filed')
  FROM `zombie_signals` s JOIN `organizations` o ON o.`id` = s.`org_id`
  WHERE s.`closed_on` IS NULL GROUP BY o.`id`;--> statement-breakpoint
-- A signal opened, closed (or, never in practice, deleted) recomputes its organization's candidate row.
CREATE TRIGGER `zombie_signals_ai_candidate` AFTER INSERT ON `zombie_signals` BEGIN
  DELETE FROM `zombie_candidates` WHERE `org_id` = NEW.`org_id`;
  INSERT INTO `zombie_candidates` (`org_id`, `authority_id`, `type`, `registered_on`, `supervisor_unit_id`, `signal_count`, `since`, `missed`, `after_certificate`, `quiet`, `unreachable`, `missed_years`)
    SELECT o.`id`, o.`authority_id`, o.`type`, o.`registered_on`, o.`supervisor_unit_id`, count(*), min(s.`first_seen_on`),
      max(s.`signal` = 'missed_inspections'), max(s.`signal` = 'no_activity_after_certificate'),
      max(s.`signal` = 'no_in_scope_activity'), max(s.`signal` = 'unreachable'),
      (SELECT count(*) FROM `annual_inspections` m WHERE m.`org_id` = o.`id` AND m.`state` = 'not_filed')
    FROM `zombie_signals` s JOIN `organizations` o ON o.`id` = s.`org_id`
    WHERE s.`org_id` = NEW.`org_id` AND s.`closed_on` IS NULL GROUP BY o.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `zombie_signals_au_candidate` AFTER UPDATE OF `closed_on`, `first_seen_on`, `signal` ON `zombie_signals` BEGIN
  DELETE FROM `zombie_candidates` WHERE `org_id` = NEW.`org_id`;
  INSERT INTO `zombie_candidates` (`org_id`, `authority_id`, `type`, `registered_on`, `supervisor_unit_id`, `signal_count`, `since`, `missed`, `after_certificate`, `quiet`, `unreachable`, `missed_years`)
    SELECT o.`id`, o.`authority_id`, o.`type`, o.`registered_on`, o.`supervisor_unit_id`, count(*), min(s.`first_seen_on`),
      max(s.`signal` = 'missed_inspections'), max(s.`signal` = 'no_activity_after_certificate'),
      max(s.`signal` = 'no_in_scope_activity'), max(s.`signal` = 'unreachable'),
      (SELECT count(*) FROM `annual_inspections` m WHERE m.`org_id` = o.`id` AND m.`state` = 'not_filed')
    FROM `zombie_signals` s JOIN `organizations` o ON o.`id` = s.`org_id`
    WHERE s.`org_id` = NEW.`org_id` AND s.`closed_on` IS NULL GROUP BY o.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `zombie_signals_ad_candidate` AFTER DELETE ON `zombie_signals` BEGIN
  DELETE FROM `zombie_candidates` WHERE `org_id` = OLD.`org_id`;
  INSERT INTO `zombie_candidates` (`org_id`, `authority_id`, `type`, `registered_on`, `supervisor_unit_id`, `signal_count`, `since`, `missed`, `after_certificate`, `quiet`, `unreachable`, `missed_years`)
    SELECT o.`id`, o.`authority_id`, o.`type`, o.`registered_on`, o.`supervisor_unit_id`, count(*), min(s.`first_seen_on`),
      max(s.`signal` = 'missed_inspections'), max(s.`signal` = 'no_activity_after_certificate'),
      max(s.`signal` = 'no_in_scope_activity'), max(s.`signal` = 'unreachable'),
      (SELECT count(*) FROM `annual_inspections` m WHERE m.`org_id` = o.`id` AND m.`state` = 'not_filed')
    FROM `zombie_signals` s JOIN `organizations` o ON o.`id` = s.`org_id`
    WHERE s.`org_id` = OLD.`org_id` AND s.`closed_on` IS NULL GROUP BY o.`id`;
END;--> statement-breakpoint
-- An organization's type, registration date, authority or supervisor unit changed: its candidate row follows.
CREATE TRIGGER `organizations_au_zombie_candidate` AFTER UPDATE OF `type`, `registered_on`, `authority_id`, `supervisor_unit_id` ON `organizations`
  WHEN NEW.`type` IS NOT OLD.`type` OR NEW.`registered_on` IS NOT OLD.`registered_on` OR NEW.`authority_id` IS NOT OLD.`authority_id` OR NEW.`supervisor_unit_id` IS NOT OLD.`supervisor_unit_id` BEGIN
  UPDATE `zombie_candidates` SET `type` = NEW.`type`, `registered_on` = NEW.`registered_on`, `authority_id` = NEW.`authority_id`,
    `supervisor_unit_id` = NEW.`supervisor_unit_id` WHERE `org_id` = NEW.`id`;
END;;--> statement-breakpoint
-- A filing marked 未参检 (or no longer) recounts its organization's years missed on its candidate row, if any.
CREATE TRIGGER `annual_inspections_ai_zombie_missed` AFTER INSERT ON `annual_inspections` WHEN NEW.`state` = 'not_filed' BEGIN
  UPDATE `zombie_candidates` SET `missed_years` = (SELECT count(*) FROM `annual_inspections` m WHERE m.`org_id` = NEW.`org_id` AND m.`state` = 'not_filed') WHERE `org_id` = NEW.`org_id`;
END;--> statement-breakpoint
CREATE TRIGGER `annual_inspections_au_zombie_missed` AFTER UPDATE OF `state` ON `annual_inspections`
  WHEN (OLD.`state` = 'not_filed') <> (NEW.`state` = 'not_filed') BEGIN
  UPDATE `zombie_candidates` SET `missed_years` = (SELECT count(*) FROM `annual_inspections` m WHERE m.`org_id` = NEW.`org_id` AND m.`state` = 'not_filed') WHERE `org_id` = NEW.`org_id`;
END;--> statement-breakpoint
CREATE TRIGGER `annual_inspections_ad_zombie_missed` AFTER DELETE ON `annual_inspections` WHEN OLD.`state` = 'not_filed' BEGIN
  UPDATE `zombie_candidates` SET `missed_years` = (SELECT count(*) FROM `annual_inspections` m WHERE m.`org_id` = OLD.`org_id` AND m.`state` = 'not_filed') WHERE `org_id` = OLD.`org_id`;
END;
