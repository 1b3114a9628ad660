CREATE TABLE `import_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authority_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`filename` text NOT NULL,
	`file_key` text NOT NULL,
	`state` text DEFAULT 'previewed' NOT NULL,
	`total_rows` integer NOT NULL,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`preview` text NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`errors` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authorities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "import_jobs_state_ck" CHECK(state IN ('previewed', 'running', 'done', 'cancelled')),
	CONSTRAINT "import_jobs_progress_ck" CHECK("import_jobs"."processed_rows" BETWEEN 0 AND "import_jobs"."total_rows")
);
--> statement-breakpoint
CREATE INDEX `import_jobs_authority_idx` ON `import_jobs` (`authority_id`,`id`);