/**
 * Registration applications (登记申请).
 *
 * Glossary:
 *   application          登记申请: kind establishment 成立登记 | change 变更登记 | charter 章程核准 | deregistration 注销登记
 *   channel              online 网上申请 (applicant or organization) | paper 窗口纸质申请 (recorded by the registrar)
 *   applicant link       申请链接: a 成立 applicant has no account; the one-time link (`<id>.<secret>`, only the hash
 *                        stored) brings them back to their application
 *   correction           退回补正: reason, deadline, per-field comments (the open one on the application; every round
 *                        kept in registration_events)
 *   uscc sequence        统一社会信用代码顺序号 per authority and type, never reused (R-B6)
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ATTACHMENT_KINDS } from "../../src/domain/application-materials";
import { IMPORT_JOB_STATES } from "../../src/domain/registration";
import { ATTACHMENT_CONTENT_TYPES, MAX_ATTACHMENT_BYTES } from "./inspection";
import { authorities, ORG_TYPES, organizations } from "./registry";
import { inList } from "./sql";

export const APPLICATION_KIND_VALUES = ["establishment", "change", "charter", "deregistration"] as const;
export const APPLICATION_STATE_VALUES = [
  "draft",
  "submitted",
  "returned",
  "approved",
  "refused",
  "withdrawn",
] as const;
export const APPLICATION_CHANNELS = ["online", "paper"] as const;

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const registrationApplications = sqliteTable(
  "registration_applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: APPLICATION_KIND_VALUES }).notNull(),
    channel: text("channel", { enum: APPLICATION_CHANNELS }).notNull(),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    /** The organization concerned; for 成立, set on approval. */
    orgId: integer("org_id").references(() => organizations.id),
    state: text("state", { enum: APPLICATION_STATE_VALUES }).notNull().default("draft"),
    version: integer("version").notNull().default(1),
    /** Submissions so far (1 after the first, 2 after the first resubmission …). */
    round: integer("round").notNull().default(0),
    /** 成立 online: the applicant's link (id public, secret hashed). */
    linkId: text("link_id"),
    linkSecretHash: text("link_secret_hash"),
    /** The applicant's contact (personal data: never public). */
    applicantName: text("applicant_name").notNull(),
    applicantPhone: text("applicant_phone"),
    /** The form, as the applicant last saved it (money in fen). */
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** Date of the latest submission (complete files), and the decision limit counted from it (R-A6). */
    submittedOn: text("submitted_on"),
    dueOn: text("due_on"),
    correctionReason: text("correction_reason"),
    correctionDeadline: text("correction_deadline"),
    correctionComments: text("correction_comments", { mode: "json" }).$type<
      { section: string; text: string }[]
    >(),
    decidedOn: text("decided_on"),
    decisionReason: text("decision_reason"),
    documentNo: text("document_no"),
    createdByUserId: integer("created_by_user_id"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("registration_applications_link_uq").on(t.linkId),
    index("registration_applications_queue_idx").on(t.authorityId, t.state, t.dueOn),
    index("registration_applications_org_idx").on(t.orgId, t.id),
    check("registration_applications_kind_ck", inList("kind", APPLICATION_KIND_VALUES)),
    check("registration_applications_state_ck", inList("state", APPLICATION_STATE_VALUES)),
    check("registration_applications_channel_ck", inList("channel", APPLICATION_CHANNELS)),
    check("registration_applications_org_ck", sql`kind = 'establishment' OR org_id IS NOT NULL`),
  ],
);

/** Every transition of an application, append-only: each round's snapshot, reason, deadline and comments. */
export const registrationEvents = sqliteTable(
  "registration_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => registrationApplications.id),
    action: text("action").notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    actorRole: text("actor_role").notNull(),
    actorUserId: integer("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    reason: text("reason"),
    deadline: text("deadline"),
    comments: text("comments", { mode: "json" }).$type<{ section: string; text: string }[]>(),
    /** The form as submitted in this round. */
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>(),
    at: text("at").notNull().default(now),
  },
  (t) => [index("registration_events_application_idx").on(t.applicationId, t.id)],
);

/** R-B6: the last sequence issued per authority and type; codes are never reused. */
export const usccSequences = sqliteTable(
  "uscc_sequences",
  {
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    orgType: text("org_type", { enum: ORG_TYPES }).notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.authorityId, t.orgType] })],
);

export { IMPORT_JOB_STATES };

/**
 * A registrar's import from the browser: the uploaded file is kept in the file storage under `fileKey`; the
 * preview's counts and row errors are stored; a confirmed import runs in chunks of rows, each chunk one batch with its
 * audit events, so a large file shows its progress and survives a closed tab.
 */
export const importJobs = sqliteTable(
  "import_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    userId: integer("user_id").notNull(),
    filename: text("filename").notNull(),
    fileKey: text("file_key").notNull(),
    state: text("state", { enum: IMPORT_JOB_STATES }).notNull().default("previewed"),
    totalRows: integer("total_rows").notNull(),
    processedRows: integer("processed_rows").notNull().default(0),
    /** The preview: what the import would do. */
    preview: text("preview", { mode: "json" })
      .$type<{
        inserted: number;
        updated: number;
        unchanged: number;
        errors: { line: number; reason: string }[];
        /** Rows that will be written but need a look (R-A3, people behind 严重 entries); absent on older previews. */
        warnings?: { line: number; reason: string }[];
        /** The organizations that change, field by field (old → new; the first few hundred); absent on older previews. */
        changes?: {
          line: number;
          uscc: string;
          name: string;
          fields: { label: string; before: string; after: string }[];
        }[];
        /** The new organizations (the first few hundred); absent on older previews. */
        created?: { line: number; uscc: string; name: string }[];
        /** The file's header and each row in error's cells as uploaded, to download them with their reasons. */
        header?: string[];
        errorCells?: Record<number, string[]>;
      }>()
      .notNull(),
    /** What the import did so far. */
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    errors: text("errors", { mode: "json" }).$type<{ line: number; reason: string }[]>().notNull(),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    index("import_jobs_authority_idx").on(t.authorityId, t.id),
    check("import_jobs_state_ck", inList("state", IMPORT_JOB_STATES)),
    check("import_jobs_progress_ck", sql`${t.processedRows} BETWEEN 0 AND ${t.totalRows}`),
  ],
);

/**
 * Materials attached to an application (章程, 验资证明, 住所证明, others): uploaded by the applicant before the registrar
 * decides; the bytes live in the FileStorage under `storage_key`, never in the database.
 */
export const applicationAttachments = sqliteTable(
  "application_attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => registrationApplications.id),
    kind: text("kind", { enum: ATTACHMENT_KINDS }).notNull(),
    filename: text("filename").notNull(),
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    /** Sniffed from the bytes, never taken from the name or the browser. */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    uploadedAt: text("uploaded_at").notNull().default(now),
  },
  (t) => [
    index("application_attachments_app_idx").on(t.applicationId, t.id),
    uniqueIndex("application_attachments_key_uq").on(t.storageKey),
    check("application_attachments_kind_ck", inList("kind", ATTACHMENT_KINDS)),
    check("application_attachments_type_ck", inList("content_type", ATTACHMENT_CONTENT_TYPES)),
    check(
      "application_attachments_size_ck",
      sql`${t.size} > 0 AND ${t.size} <= ${sql.raw(String(MAX_ATTACHMENT_BYTES))}`,
    ),
  ],
);
