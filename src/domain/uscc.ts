/**
 * 统一社会信用代码 (GB 32100-2015) for organizations registered by civil affairs.
 * R-B1 alphabet and shape, R-B2 check character, R-B3 民政 prefix and type digit, R-B4 region code,
 * R-B5 the GB 11714 organization-code check (a warning only), R-B6 issuance.
 */

export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type UsccOrgType = "social_group" | "private_non_enterprise" | "foundation" | "other";
/** R-B3: position 2 for 民政 registrations. */
export const TYPE_DIGIT: Record<UsccOrgType, string> = {
  social_group: "1",
  private_non_enterprise: "2",
  foundation: "3",
  other: "9",
};
const DIGIT_TYPE: Record<string, UsccOrgType> = {
  "1": "social_group",
  "2": "private_non_enterprise",
  "3": "foundation",
  "9": "other",
};

export type UsccErrorCode =
  | "empty"
  | "length"
  | "character"
  | "region_digits"
  | "check_digit"
  | "not_civil_affairs"
  | "type_digit"
  | "type_mismatch";

export type UsccResult =
  | {
      ok: true;
      code: string;
      type: UsccOrgType;
      regionCode: string;
      /** R-B5: advisory findings that do not make the code invalid. */
      warnings: string[];
    }
  | { ok: false; error: UsccErrorCode; message: string; position?: number };

/** Upper-cases, trims, and turns full-width letters and digits into ASCII (people paste codes from documents). */
export function normalizeUscc(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\u00a0-]/g, "")
    .toUpperCase();
}

/** R-B2: the check character for the first 17 characters (which must all be in the alphabet). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** R-B5: GB 11714 check character of an 8-character organization-code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    const v = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += v * ORG_CODE_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/** Whether the text has the shape of a code at all (18 characters of the alphabet), before the check digit. */
export function looksLikeUscc(input: string): boolean {
  const code = normalizeUscc(input);
  return code.length === 18 && [...code].every((ch) => USCC_ALPHABET.includes(ch));
}

/**
 * Validates a code as one issued by a civil-affairs registrar (R-B1…R-B5). With `expectedType`, also checks that
 * position 2 matches the organization's type.
 */
export function validateUscc(input: string, expectedType?: UsccOrgType): UsccResult {
  const code = normalizeUscc(input ?? "");
  if (code.length === 0) return { ok: false, error: "empty", message: "请填写统一社会信用代码。" };
  const chars = [...code];
  if (chars.length !== 18) {
    return {
      ok: false,
      error: "length",
      message: `统一社会信用代码应为18位，现为${chars.length}位。`,
    };
  }
  for (let i = 0; i < 18; i++) {
    const ch = chars[i]!;
    if (!USCC_ALPHABET.includes(ch)) {
      const hint = "IOSVZ".includes(ch)
        ? "（统一社会信用代码不使用字母 I、O、S、V、Z）"
        : "（只能是数字0–9和大写字母）";
      return {
        ok: false,
        error: "character",
        position: i + 1,
        message: `第${i + 1}位“${ch}”不是允许的字符${hint}。`,
      };
    }
  }
  for (let i = 2; i < 8; i++) {
    if (!/[0-9]/.test(code[i]!)) {
      return {
        ok: false,
        error: "region_digits",
        position: i + 1,
        message: `第3至8位应为登记管理机关的行政区划代码（数字），第${i + 1}位是“${code[i]}”。`,
      };
    }
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      ok: false,
      error: "check_digit",
      position: 18,
      message: `校验位应为“${expected}”，现为“${code[17]}”（第18位）。请核对前17位是否有字符录入错误。`,
    };
  }
  if (code[0] !== "5") {
    return {
      ok: false,
      error: "not_civil_affairs",
      position: 1,
      message: `这不是民政部门登记的社会组织代码：第1位应为“5”，却是“${code[0]}”。`,
    };
  }
  const type = DIGIT_TYPE[code[1]!];
  if (!type) {
    return {
      ok: false,
      error: "type_digit",
      position: 2,
      message: `第2位“${code[1]}”不是社会组织的类别代码（1 社会团体、2 民办非企业单位、3 基金会、9 其他）。`,
    };
  }
  if (expectedType && expectedType !== type) {
    return {
      ok: false,
      error: "type_mismatch",
      position: 2,
      message: `代码第2位表示${TYPE_LABEL[type]}，与所填类型“${TYPE_LABEL[expectedType]}”不一致。`,
    };
  }
  const warnings: string[] = [];
  const body = code.slice(8, 16);
  if (/^[0-9A-Z]{8}$/.test(body) && orgCodeCheckChar(body) !== code[16]) {
    warnings.push("第9至17位（组织机构代码）的校验位与 GB 11714 不符，请核对登记档案。");
  }
  return { ok: true, code, type, regionCode: code.slice(2, 8), warnings };
}

/**
 * R-B1/R-B2 for free text typed into a search box: when the text is most likely an attempt at a code (10–30 printable
 * ASCII characters, at least 6 of them digits) and is not a valid civil-affairs code, the exact reason for a person to
 * read; otherwise null (a name, or a valid code).
 */
export function usccQueryProblem(input: string | undefined): string | null {
  const code = normalizeUscc(input ?? "");
  if (!/^[\x21-\x7e]{10,30}$/.test(code)) return null;
  if ((code.match(/[0-9]/g)?.length ?? 0) < 6) return null;
  const v = validateUscc(code);
  return v.ok ? null : v.message;
}

const TYPE_LABEL: Record<UsccOrgType, string> = {
  social_group: "社会团体",
  private_non_enterprise: "民办非企业单位",
  foundation: "基金会",
  other: "其他社会组织",
};

/** Largest sequence number `issueUscc` can encode (31^7 − 1). */
export const MAX_USCC_SEQUENCE = 31 ** 7 - 1;

/**
 * R-B6: issues the code for the `sequence`-th organization of a type registered by the authority with `regionCode`.
 * Positions 9–16 are "M" and the sequence in base 31 over the code alphabet (the sequence space of one authority and
 * type), position 17 the GB 11714 check (R-B5), position 18 the GB 32100 check (R-B2). Distinct sequences give
 * distinct codes; the caller keeps the sequence (never reused).
 */
/** R-B6: the sequence a code of `issueUscc` was issued with (its positions 10–16 in base 31). */
export function usccSequenceOf(code: string): number {
  let n = 0;
  for (const ch of code.slice(9, 16)) n = n * 31 + USCC_ALPHABET.indexOf(ch);
  return n;
}

/** R-B6: the first ten characters every code an authority issues for a type shares ("51" + region + "M"). */
export function usccPrefix(regionCode: string, type: UsccOrgType): string {
  return `5${TYPE_DIGIT[type]}${regionCode}M`;
}

export function issueUscc(regionCode: string, type: UsccOrgType, sequence: number): string {
  if (!/^[0-9]{6}$/.test(regionCode)) throw new Error(`region code must be 6 digits: ${regionCode}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > MAX_USCC_SEQUENCE) {
    throw new Error(`sequence out of range: ${sequence}`);
  }
  let n = sequence;
  let seq = "";
  for (let i = 0; i < 7; i++) {
    seq = USCC_ALPHABET[n % 31]! + seq;
    n = Math.floor(n / 31);
  }
  const body = `M${seq}`;
  const first17 = `5${TYPE_DIGIT[type]}${regionCode}${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}
