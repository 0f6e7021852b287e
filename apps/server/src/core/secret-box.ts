import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

/** AES-256-GCM with a key kept outside the database. Output: base64(iv ‖ tag ‖ ciphertext), prefixed "v1.". */
export class SecretBox {
  readonly #key: Buffer;
  readonly #macKey: Buffer;
  constructor(keyBase64: string) {
    const key = Buffer.from(keyBase64, "base64");
    if (key.length !== 32) {
      throw new Error("secret key must be 32 bytes");
    }
    this.#key = key;
    // A separate key for MACs, derived so the encryption key is never used for two purposes.
    this.#macKey = Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "binhyen-mac-v1", 32));
  }
  /** HMAC-SHA256 of `purpose:data`, base64url, truncated to `length` characters. */
  mac(purpose: string, data: string, length = 22): string {
    return createHmac("sha256", this.#macKey)
      .update(`${purpose}:${data}`)
      .digest("base64url")
      .slice(0, length);
  }
  /** Constant-time check of a MAC made by mac(). */
  verifyMac(purpose: string, data: string, given: string): boolean {
    const expected = Buffer.from(this.mac(purpose, data, given.length || 22));
    const actual = Buffer.from(given);
    return given.length >= 16 && expected.length === actual.length && timingSafeEqual(expected, actual);
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
