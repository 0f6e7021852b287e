import type {
  TChangePasswordRequest,
  TTotpCodeRequest,
  TTotpSetupResponse,
  TUpdateMeRequest,
} from "@binhyen/contracts";
import { api } from "../../lib/api-client";

export function updateMe(body: TUpdateMeRequest): Promise<unknown> {
  return api.patch("/me", body);
}

export function changePassword(body: TChangePasswordRequest): Promise<unknown> {
  return api.post("/me/password", body);
}

export function startTotpSetup(): Promise<TTotpSetupResponse> {
  return api.post<TTotpSetupResponse>("/me/totp/setup", {});
}

export function enableTotp(body: TTotpCodeRequest): Promise<unknown> {
  return api.post("/me/totp/enable", body);
}

export function disableTotp(body: TTotpCodeRequest): Promise<unknown> {
  return api.post("/me/totp/disable", body);
}
