/** What the settings pages show: every value already in words. */
export interface SettingChangeView {
  effectiveFrom: string;
  words: string;
  reason: string;
  by: string;
  at: string;
}

export interface SettingFieldView {
  name: string;
  label: string;
  kind: "int" | "bool" | "date";
  min?: number;
  max?: number;
  unit?: string;
}

export interface SettingSummary {
  key: string;
  title: string;
  rule: string;
  help: string;
  currentWords: string;
  defaultWords: string;
  /** Changes effective after today, soonest first. */
  scheduled: SettingChangeView[];
  /** Every change, newest first. */
  history: SettingChangeView[];
  fields: SettingFieldView[];
  /** The form's values: today's by default. */
  values: Record<string, string>;
}
