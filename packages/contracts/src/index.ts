export * from "./announcements";
export * from "./auth";
export * from "./common";
export * from "./enums";
export * from "./households";
export * from "./org";
export * from "./reports";
