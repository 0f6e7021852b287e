import type { TLoginRequest, TLoginResponse } from "@binhyen/contracts";
import { api } from "../../lib/api-client";

export function login(body: TLoginRequest): Promise<TLoginResponse> {
  return api.post<TLoginResponse>("/auth/login", body, { quietUnauthenticated: true });
}
