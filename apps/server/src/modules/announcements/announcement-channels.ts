import type { Channel } from "../../channels/channel";
import type { Deps } from "../../deps";
import { RELEASE_CHANNEL, releaseScheduled } from "./announcements.service";
import { createPushChannel } from "./push.service";

/** The outbox channels announcements owe work to: Web Push and the scheduled release. */
export function registerAnnouncementChannels(deps: Deps): void {
  const release: Channel = {
    name: RELEASE_CHANNEL,
    deliver: (m) => releaseScheduled(deps, String(m.payload.announcementId ?? "")),
  };
  if (!deps.channels.get("push")) {
    deps.channels.register(createPushChannel(deps));
  }
  deps.channels.register(release);
}
