/**
 * What every upload goes through before anything is stored (filing attachments, party activity records, notices):
 * PDF, PNG or JPEG recognised by their first bytes and never by the name or the browser's claim, at most 10 MiB,
 * and a file name safe to show and send back.
 */

import type { FileStorage } from "../context";
import { isStaleWrite } from "../db";
import { MAX_ATTACHMENT_BYTES } from "../domain/attachments";

export type AttachmentContentType = "application/pdf" | "image/png" | "image/jpeg";

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** The content type the bytes themselves declare, or null when they are not a PDF, PNG or JPEG. */
export function sniffContentType(bytes: Uint8Array): AttachmentContentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

const EXTENSIONS: Record<AttachmentContentType, string> = {
  "application/pdf": ".pdf",
  "image/png": ".png",
  "image/jpeg": ".jpg",
};

/**
 * A file name safe to show and to send back in Content-Disposition: no path, no control characters, and the
 * extension of what the file IS (detected from its bytes), never the one the uploader wrote — "报告.html" that is a
 * PDF downloads as "报告.pdf", so no browser or desktop opens it as something else.
 */
export function cleanFilename(name: string, contentType: AttachmentContentType): string {
  const base = (name.split(/[\\/]/).at(-1) ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "")
    .replace(/\.[^.]*$/, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 100);
  return `${base || "附件"}${EXTENSIONS[contentType]}`;
}

/** Checks a file before anything is stored: the refusal says why in Chinese. */
export function checkAttachment(file: {
  name: string;
  bytes: Uint8Array;
}): { ok: true; contentType: AttachmentContentType } | { ok: false; message: string } {
  if (file.bytes.length === 0) return { ok: false, message: "上传的文件是空的，请重新选择文件。" };
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
    return {
      ok: false,
      message: `文件过大（${(file.bytes.length / 1024 / 1024).toFixed(1)} MB）：附件不能超过 10 MB。可以压缩或分页扫描后再上传。`,
    };
  }
  const contentType = sniffContentType(file.bytes);
  if (!contentType) {
    return {
      ok: false,
      message: `文件“${file.name}”的内容不是 PDF、PNG 或 JPEG 格式（系统按文件内容识别，改扩展名无效）。请上传 PDF 文件或 JPG、PNG 图片。`,
    };
  }
  return { ok: true, contentType };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A checked file as stored: where its bytes are, and what its row and audit event record. */
export interface StoredFile {
  key: string;
  filename: string;
  sha256: string;
  contentType: AttachmentContentType;
  size: number;
}

/**
 * Stores a checked file's bytes under `prefix/<random id>`, then runs `commit` (the row and its audit event, one
 * batch) with what was stored. When the commit fails the bytes are deleted again, so nothing is half-written; a stale
 * write (someone acted first) answers "stale", anything else is thrown on.
 */
export async function storeThenCommit(
  storage: FileStorage,
  prefix: string,
  file: { name: string; bytes: Uint8Array },
  contentType: AttachmentContentType,
  commit: (stored: StoredFile) => Promise<unknown>,
): Promise<StoredFile | "stale"> {
  const stored: StoredFile = {
    key: `${prefix}/${crypto.randomUUID()}`,
    filename: cleanFilename(file.name, contentType),
    sha256: await sha256Hex(file.bytes),
    contentType,
    size: file.bytes.length,
  };
  await storage.put(stored.key, file.bytes, contentType);
  try {
    await commit(stored);
  } catch (e) {
    await storage.delete(stored.key).catch(() => {});
    if (isStaleWrite(e)) return "stale";
    throw e;
  }
  return stored;
}
