package vn.bluezone.notify.push;

import java.util.UUID;

/** A device's registered channel: where one push goes (for Web Push, {@code token} is the endpoint URL). */
record PushTarget(UUID deviceId, String channel, String token) {
}
