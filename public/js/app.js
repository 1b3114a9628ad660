// Progressive enhancements only: every page works without this file.
// Focus the error summary when a page (or an htmx swap) shows one, so keyboard and screen-reader users hear it.
function focusErrorSummary(root) {
  const summary = (root || document).querySelector("[data-error-summary]");
  if (summary) summary.focus();
}
document.addEventListener("DOMContentLoaded", () => focusErrorSummary(document));
document.addEventListener("htmx:after:swap", (e) => focusErrorSummary(e.target));
