/**
 * Turns the bytes of an uploaded or command-line CSV into text, or says exactly why not. Bureaus' registers come out
 * of Excel and WPS in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16; reading GBK as UTF-8 would overwrite good
 * names with mojibake, so the encoding is detected (chardet) and converted, and anything that is not a text table —
 * a workbook, a PDF, an image, bytes with NUL — is refused with a message that names what it is.
 */
import { analyse } from "chardet";
import { firstControlCharacter } from "../domain/text";

export type DecodedCsv =
  | { ok: true; text: string; encoding: string }
  | { ok: false; message: string; encoding?: string };

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "Excel 工作簿（.xlsx）或 ZIP 压缩包" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "旧版 Excel / Word 文件（.xls / .doc）" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "PDF 文件" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "PNG 图片" },
  { bytes: [0xff, 0xd8, 0xff], what: "JPEG 图片" },
  { bytes: [0x1f, 0x8b], what: "GZIP 压缩文件" },
];

const SAVE_AS = "请在 Excel / WPS 中“另存为”CSV（UTF-8）后再导入。";

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Line number (1-based) of the first character matching `re`, for messages. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Decodes CSV bytes (see the file comment). */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes))
      return { ok: false, message: `这不是 CSV 文本文件，而是${m.what}。${SAVE_AS}` };
  }
  let text: string | null = null;
  let encoding = "";
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = "UTF-8";
    text = decode(bytes, "utf-8");
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = "UTF-16LE";
    text = decode(bytes, "utf-16le");
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = "UTF-16BE";
    text = decode(bytes, "utf-16be");
  } else {
    text = decode(bytes, "utf-8");
    encoding = "UTF-8";
    if (text === null) {
      const guesses = analyse(bytes).map((g) => g.name.toUpperCase());
      const guess = guesses.find((g) => /^(GB18030|GBK|GB2312|UTF-16LE|UTF-16BE|BIG5)$/.test(g));
      if (guess?.startsWith("UTF-16")) {
        encoding = guess;
        text = decode(bytes, guess.toLowerCase());
      } else if (guess === "BIG5") {
        return {
          ok: false,
          encoding: "Big5",
          message: `文件是繁体中文 Big5 编码，本系统只接受简体中文编码。${SAVE_AS}`,
        };
      } else {
        // GB18030 is a superset of GBK and GB2312: Excel's "CSV (逗号分隔)" on a Chinese Windows.
        encoding = "GB18030";
        text = decode(bytes, "gb18030");
      }
      if (text === null) {
        return {
          ok: false,
          message: `无法识别文件的字符编码（既不是 UTF-8，也不是 GBK/GB18030 或 UTF-16）。${SAVE_AS}`,
        };
      }
    }
  }
  if (text === null)
    return {
      ok: false,
      encoding,
      message: `文件声明为 ${encoding} 编码，但内容不是有效的 ${encoding}。${SAVE_AS}`,
    };
  text = text.replace(/^\uFEFF/, "");
  if (text.trim() === "") return { ok: false, encoding, message: "文件是空的：没有表头，也没有数据行。" };
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    return {
      ok: false,
      encoding,
      message: `第${lineOf(text, nul)}行含有空字符（NUL），文件可能是二进制文件或已损坏。${SAVE_AS}`,
    };
  }
  const control = firstControlCharacter(text);
  if (control >= 0) {
    return {
      ok: false,
      encoding,
      message: `第${lineOf(text, control)}行含有不可见的控制字符，请删除后再导入。`,
    };
  }
  return { ok: true, text, encoding };
}
