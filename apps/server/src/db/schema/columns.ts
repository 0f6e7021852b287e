import { customType } from "drizzle-orm/pg-core";

/** Binary column (images, evidence) as a Node Buffer on both PGlite and node-postgres. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => Buffer.from(v),
});
