/** Registration application pages: one page per file, with the partials they share. */
export { ApplicationForm, ApplicationPage, type ApplicationPageProps } from "./application-page";
export { ApplyStartPage } from "./apply-start-page";
export {
  ChangeFields,
  CharterFields,
  DeregistrationFields,
  EstablishmentFields,
  NameChecks,
  nameChecksOf,
} from "./fields";
export { LinkRecoveryPanel } from "./link-recovery";
export { OrgApplicationsPage } from "./org-applications-page";
export { CorrectionPanel, EventsList, ProblemsPanel, ReadOnlyData } from "./panels";
export { RegistrarQueuePage } from "./registrar-queue-page";
export { ReviewActions } from "./review-actions";
export { ApplicationStateTag, DueBadge } from "./shared";
