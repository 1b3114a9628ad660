/** Static assets the layout links to. The htmx build is copied from node_modules at install (src/cli/vendor-htmx.mjs). */
export const HTMX_VERSION = "4.0.1";
export const HTMX_PATH = `/vendor/htmx-${HTMX_VERSION}.min.js`;
export const CSS_PATH = "/css/app.css?v=1";
export const APP_JS_PATH = "/js/app.js?v=1";
