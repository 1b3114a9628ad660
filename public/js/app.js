// Progressive enhancements only: every page works without this file.
// Focus the error summary when a page (or an htmx swap) shows one, so keyboard and screen-reader users hear it.
function focusErrorSummary(root) {
  const summary = (root || document).querySelector("[data-error-summary]");
  if (summary) summary.focus();
}
document.addEventListener("DOMContentLoaded", () => focusErrorSummary(document));
document.addEventListener("htmx:after:swap", (e) => focusErrorSummary(e.target));

// Live search waits for IME composition (拼音, 五笔, 注音): while a composition is open the box holds letters the person
// has not confirmed ("shanghui"), so a search for them is noise. An input marked data-live-search gets a "live-search"
// event for each input made outside a composition, and one when a composition ends; its form's hx-trigger listens for
// that event. (An hx-trigger filter would do the same, but htmx evaluates filters with Function, which the CSP forbids.)
let composing = false;
function liveSearch(target) {
  if (target instanceof HTMLInputElement && target.hasAttribute("data-live-search")) {
    target.dispatchEvent(new Event("live-search", { bubbles: true }));
  }
}
document.addEventListener("compositionstart", () => {
  composing = true;
});
document.addEventListener("compositionend", (e) => {
  composing = false;
  liveSearch(e.target);
});
document.addEventListener("input", (e) => {
  if (!composing && !e.isComposing) liveSearch(e.target);
});
