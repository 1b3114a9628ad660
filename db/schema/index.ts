export * from "./audit";
export * from "./registry";
