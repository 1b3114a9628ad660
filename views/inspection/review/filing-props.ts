/** What the review page and its action forms take (views/inspection/review/filing.tsx, filing-actions.tsx). */
import type { SessionUser } from "../../../src/context";
import type { FilingView, Notice } from "../../../src/inspection/contract";
import type { Errors } from "../../components/form";

export const PROBLEM_ROWS = 3;

export interface ActionEcho {
  action?: string;
  reason?: string;
  deadline?: string;
  comments?: Record<string, string>;
  conclusion?: string;
  problems?: { description: string; severity: string; section: string }[];
}

export interface FilingPageProps {
  user: SessionUser;
  base: "/registrar" | "/supervisor";
  view: FilingView;
  /** The district filing a city registrar may only read. */
  readOnly: boolean;
  errors: Errors;
  /** A refusal or a confirmation at the top of the actions. */
  message: { kind: "error" | "success"; text: string } | null;
  echo: ActionEcho;
  defaultDeadline: string;
  notices: Notice[];
  now: Date;
}
