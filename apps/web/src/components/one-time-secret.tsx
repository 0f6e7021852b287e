import { CopyField, type CopyFieldProps } from "./copy-field";

type OneTimeSecretProps = Omit<CopyFieldProps, "variant">;

/** Shows a secret (temporary password, TOTP key) once, with a copy button. */
export function OneTimeSecret(props: OneTimeSecretProps) {
  return <CopyField {...props} variant="secret" />;
}
