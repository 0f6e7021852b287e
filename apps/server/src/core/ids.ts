import { randomBytes, randomUUID } from "node:crypto";

export interface Ids {
  uuid(): string;
  token(bytes?: number): string;
}
export const systemIds: Ids = {
  uuid: () => randomUUID(),
  token: (bytes = 32) => randomBytes(bytes).toString("base64url"),
};
