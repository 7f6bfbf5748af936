package vn.bluezone.notify.push;

import java.util.UUID;

/** A device's registered channel: where one push goes. {@code p256dh} and {@code auth} are Web Push only. */
record PushTarget(UUID deviceId, String channel, String token, String p256dh, String auth) {
}
