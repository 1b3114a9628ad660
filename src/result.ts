/**
 * What every service answers: `{ ok: true, …data }` or a refusal with a code, a Chinese message and, for input errors,
 * messages per field. Routes map a refusal to HTTP with `refusalStatus` (src/http.ts), in one place.
 */
export type Refusal = {
  ok: false;
  /**
   * not_found (absent or out of the user's scope) | forbidden | stale (someone saved first) | invalid (see `fields`) |
   * a workflow's own codes (decide(): illegal_transition, window_closed, …)
   */
  code: string;
  message: string;
  /** For input errors: field name (a dotted path for nested forms) → Chinese message. */
  fields?: Record<string, string>;
};

export type Result<T = unknown> = ({ ok: true } & T) | Refusal;

export function refuse(code: string, message: string, fields?: Record<string, string>): Refusal {
  return fields ? { ok: false, code, message, fields } : { ok: false, code, message };
}
