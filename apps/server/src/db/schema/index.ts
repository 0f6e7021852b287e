export * from "./announcements";
export * from "./org";
export * from "./outreach";
export * from "./people";
export * from "./platform";
export * from "./reports";
export * from "./group-life";
