export * from "./accounts";
export * from "./audit";
export * from "./registry";
export * from "./registration";
