export * from "./accounts";
export * from "./audit";
export * from "./inspection";
export * from "./jobs";
export * from "./registration";
export * from "./registry";
export * from "./letters";
