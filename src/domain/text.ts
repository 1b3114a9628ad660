/**
 * Text a person typed may contain letters, digits, punctuation, spaces, tabs and line breaks — never the other
 * control characters (NUL, BEL, ESC, DEL…): they end strings in C libraries and SQL tokenizers, corrupt exports and
 * hide content. Every free-text input is checked with this before it reaches a query or a row.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** The index of the first control character, or -1. */
export function firstControlCharacter(value: string): number {
  return value.search(CONTROL);
}

export const CONTROL_CHARACTER_MESSAGE = "含有不可见的控制字符，请删除后再试。";
