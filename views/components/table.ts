/**
 * The attributes of a table's sideways-scrolling wrapper (`<div class="table-scroll" {...SCROLL_REGION}>`): a keyboard
 * user can focus it and scroll with the arrow keys, and a screen reader announces it as a region (WCAG 2.1.1).
 */
export const SCROLL_REGION = { tabindex: 0, role: "region", "aria-label": "表格（可左右滚动）" } as const;
