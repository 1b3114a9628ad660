/**
 * What an uploaded attachment may be (an inspection's, an application's): its content types and its largest size.
 * The schema's checks and the settings' upload limit read them from here.
 */
export const ATTACHMENT_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
/** Largest attachment accepted, in bytes (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
