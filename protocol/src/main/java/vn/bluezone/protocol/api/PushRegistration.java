package vn.bluezone.protocol.api;

/**
 * {@code PUT /api/v1/devices/me/push}: where the notify-service may send "check your alerts".
 * {@code channel} is {@code fcm} or {@code apns} with the provider's device {@code token}, or {@code webpush}
 * with the browser's {@code PushSubscription.toJSON()} as {@code subscription}.
 */
public record PushRegistration(String channel, String token, WebPushSubscription subscription) {

    /** A Web Push subscription (W3C Push API): the push service endpoint and the browser's keys. */
    public record WebPushSubscription(String endpoint, Keys keys) {

        /** {@code p256dh}: the browser's P-256 public key; {@code auth}: its 16-byte secret; both base64url. */
        public record Keys(String p256dh, String auth) {
        }
    }
}
