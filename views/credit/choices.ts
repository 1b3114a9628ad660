import { CREDIT_GROUNDS, CREDIT_LIST_LABELS, groundsOf } from "../../src/domain/credit";
import type { ChoiceGroup } from "../components/select";

/** The grounds of entry (R-D1, R-D3) as options, each list's grounds under the list's name. */
export const GROUND_CHOICES: ChoiceGroup[] = (["abnormal", "serious"] as const).map((list) => ({
  group: CREDIT_LIST_LABELS[list],
  options: groundsOf(list).map((g) => ({ value: g, label: CREDIT_GROUNDS[g].label })),
}));
