// Progressive enhancements only: every page works without this file.
// Focus the error summary when a page (or an htmx swap) shows one, so keyboard and screen-reader users hear it.
function focusErrorSummary(root) {
  const summary = (root || document).querySelector("[data-error-summary]");
  if (summary) summary.focus();
}
// A section's save confirmation (next to its save button, in a live region) takes the focus the replaced button had.
function focusSaveStatus() {
  if (document.querySelector("[data-error-summary]")) return;
  const status = document.querySelector("[data-save-status]");
  if (status) status.focus();
}
document.addEventListener("DOMContentLoaded", () => {
  focusErrorSummary(document);
  focusSaveStatus();
});
document.addEventListener("htmx:after:swap", (e) => {
  focusErrorSummary(e.target);
  focusSaveStatus();
});

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

// Totals the server computes (收入合计, 费用合计) follow the parts while the person types; the page shows the same
// sum without this, after a save. Amounts are read as the server reads them: full-width digits and separators fold.
function yuanToFen(text) {
  const s = text.normalize("NFKC").replace(/[,\s￥¥]/g, "");
  if (s === "") return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ""] = s.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}
function updateSums(root) {
  for (const out of (root || document).querySelectorAll("output[data-sum-of]")) {
    let sum = 0;
    for (const id of out.dataset.sumOf.split(" ")) {
      const input = document.getElementById(id);
      const fen = input ? yuanToFen(input.value) : 0;
      sum = sum === null || fen === null ? null : sum + fen;
    }
    out.textContent =
      sum === null
        ? "—"
        : (sum / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}
document.addEventListener("input", (e) => {
  if (
    e.target instanceof HTMLInputElement &&
    e.target.closest("form")?.querySelector("output[data-sum-of]")
  ) {
    updateSums(e.target.closest("form"));
  }
});
