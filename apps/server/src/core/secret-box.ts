import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** AES-256-GCM with a key kept outside the database. Output: base64(iv ‖ tag ‖ ciphertext), prefixed "v1.". */
export class SecretBox {
  readonly #key: Buffer;
  constructor(keyBase64: string) {
    const key = Buffer.from(keyBase64, "base64");
    if (key.length !== 32) {
      throw new Error("secret key must be 32 bytes");
    }
    this.#key = key;
  }
  seal(plain: string, aad = ""): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64")}`;
  }
  open(sealed: string, aad = ""): string {
    if (!sealed.startsWith("v1.")) {
      throw new Error("unknown ciphertext version");
    }
    const buf = Buffer.from(sealed.slice(3), "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.#key, buf.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString("utf8");
  }
}
