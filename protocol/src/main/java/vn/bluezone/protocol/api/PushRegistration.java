package vn.bluezone.protocol.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code PUT /api/v1/devices/me/push}: where the notify-service may send "check your alerts".
 * {@code channel} is {@code fcm} or {@code apns} with the provider's device {@code token}, or {@code webpush}
 * with the browser's {@code PushSubscription.toJSON()} as {@code subscription}.
 */
public record PushRegistration(String channel, String token, WebPushSubscription subscription) {

    /**
     * A Web Push subscription (W3C Push API): the push service endpoint. The browser's {@code keys} that
     * {@code toJSON()} adds are accepted and ignored: pushes carry no payload, so nothing is encrypted to them.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WebPushSubscription(String endpoint) {
    }
}
