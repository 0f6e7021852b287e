import { api } from "../../lib/api-client";

/*
 * Web Push opt-in: permission → the server's VAPID public key → a subscription from the service
 * worker's push manager → saved on the server (POST /api/push/subscriptions); turning it off
 * unsubscribes on the device and deletes it on the server.
 */

export function pushSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window
  );
}

/** The VAPID key as the push manager wants it (base64url text → bytes). */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = `${base64url}${"=".repeat((4 - (base64url.length % 4)) % 4)}`
    .replace(/-/g, "+")
    .replace(/_/g, "/");
  const binary = window.atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.ready;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) {
    return null;
  }
  const reg = await registration();
  return reg.pushManager.getSubscription();
}

export type EnableOutcome = "enabled" | "denied";

export async function enablePush(): Promise<EnableOutcome> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    return "denied";
  }
  const { publicKey } = await api.get<{ publicKey: string }>("/push/public-key");
  const reg = await registration();
  const subscription =
    (await reg.pushManager.getSubscription()) ??
    (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  const json = subscription.toJSON();
  await api.post("/push/subscriptions", {
    endpoint: subscription.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
  });
  return "enabled";
}

export async function disablePush(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) {
    return;
  }
  // The server forgets it first: a failure leaves both sides as they were.
  await api.deleteWithBody("/push/subscriptions", { endpoint: subscription.endpoint });
  await subscription.unsubscribe();
}
