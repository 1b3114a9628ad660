/**
 * Letters sent by registered mail (挂号信 / EMS) to an organization's registered 住所 or its legal representative, and
 * what became of them. Shared evidence: the credit lists read it for R-D2 (two unsigned letters, the second 20–60
 * days after the first → unreachable, R-D1(6)), zombie signals read it for R-E1(d), and a 事先告知 served by mail
 * records its letter here.
 *   purpose   address_check 住所核查 | prior_notice 事先告知 | rectification 整改通知 | zombie 僵尸核查 | other 其他
 *   addressee registered_address 登记住所 | legal_representative 法定代表人
 *   outcome   pending 待回执 | signed 已签收 | unsigned 未签收/退回 (returned, refused, no such address)
 * A recorded outcome is never overwritten: a correction is a new letter row pointing at the one it corrects.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { authorities, organizations } from "./registry";
import { inList } from "./sql";

export const LETTER_PURPOSES = ["address_check", "prior_notice", "rectification", "zombie", "other"] as const;
export type LetterPurpose = (typeof LETTER_PURPOSES)[number];
export const LETTER_ADDRESSEES = ["registered_address", "legal_representative"] as const;
export type LetterAddressee = (typeof LETTER_ADDRESSEES)[number];
export const LETTER_OUTCOMES = ["pending", "signed", "unsigned"] as const;
export type LetterOutcome = (typeof LETTER_OUTCOMES)[number];

export const letters = sqliteTable(
  "letters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    /** The authority that sent it. */
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    purpose: text("purpose", { enum: LETTER_PURPOSES }).notNull(),
    addressee: text("addressee", { enum: LETTER_ADDRESSEES }).notNull().default("registered_address"),
    /** The address written on the envelope, as sent. */
    address: text("address").notNull(),
    sentOn: text("sent_on").notNull(),
    /** The postal tracking number (邮件号). */
    trackingNo: text("tracking_no").notNull(),
    outcome: text("outcome", { enum: LETTER_OUTCOMES }).notNull().default("pending"),
    outcomeOn: text("outcome_on"),
    /** Why unsigned, in the post office's words (查无此单位, 拒收, 迁移新址不明…). */
    outcomeNote: text("outcome_note"),
    /** What the letter belongs to, when anything (a credit candidate, a zombie case, a notice): "credit_case:12". */
    subject: text("subject"),
    /** The letter this row corrects (a wrongly recorded outcome is corrected by a new row, never an update). */
    correctsId: integer("corrects_id"),
    recordedBy: integer("recorded_by"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("letters_org_idx").on(t.orgId, t.sentOn),
    index("letters_authority_idx").on(t.authorityId, t.sentOn),
    check("letters_purpose_check", inList("purpose", LETTER_PURPOSES)),
    check("letters_addressee_check", inList("addressee", LETTER_ADDRESSEES)),
    check("letters_outcome_check", inList("outcome", LETTER_OUTCOMES)),
    check("letters_outcome_date_check", sql`(outcome = 'pending') = (outcome_on IS NULL)`),
  ],
);
