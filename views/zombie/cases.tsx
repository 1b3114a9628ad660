/** Zombie cases: the list with the year's figures, 立案, one case with its steps (R-E2, R-E3), the public 公告. */
export { CasePage } from "./case-pages/case";
export { CaseListPage } from "./case-pages/list";
export { PublicationsPage } from "./case-pages/publications";
export { OpenCasePage } from "./case-pages/steps";
