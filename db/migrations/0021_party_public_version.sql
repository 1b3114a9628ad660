-- Where the locality publishes whether an organization has a party organization (publishPartyOrgExistence), a
-- confirmed ledger change alters its public page: invalidate the cached public pages like any register change (0003, 0016).
CREATE TRIGGER `party_org_versions_ai_version` AFTER INSERT ON `party_org_versions` WHEN NEW.state = 'confirmed' BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `party_org_versions_au_version` AFTER UPDATE OF `state`, `superseded_on` ON `party_org_versions` BEGIN UPDATE `register_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
