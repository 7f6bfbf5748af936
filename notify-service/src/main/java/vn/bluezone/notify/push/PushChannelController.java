package vn.bluezone.notify.push;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.PushRegistration;
import vn.bluezone.protocol.api.PushRegistration.WebPushSubscription;
import vn.bluezone.protocol.auth.GatewayHeaders;

/**
 * Phones register where "check your alerts" pushes go. The device id comes from the gateway. A Web Push
 * endpoint must be on an allowed push service host: the server never posts to an address a client chose.
 */
@RestController
class PushChannelController {

    private static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:\\-]{1,4096}");
    private static final Pattern APNS_TOKEN = Pattern.compile("[0-9a-fA-F]{64,200}");
    private static final int MAX_ENDPOINT_LENGTH = 2048;

    private final PushChannels channels;
    private final PushProperties.WebPush webPush;
    private final WebPushKeys webPushKeys;
    private final Clock clock;

    PushChannelController(PushChannels channels, PushProperties properties, WebPushKeys webPushKeys, Clock clock) {
        this.clock = clock;
        this.channels = channels;
        this.webPush = properties.webpush();
        this.webPushKeys = webPushKeys;
    }

    @PutMapping("/api/v1/devices/me/push")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> register(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId,
            @RequestBody PushRegistration registration) {
        return channels.register(target(deviceId, registration), clock.instant());
    }

    @DeleteMapping("/api/v1/devices/me/push")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId) {
        return channels.remove(deviceId);
    }

    /** The VAPID public key a web app passes to {@code pushManager.subscribe} as applicationServerKey. */
    @GetMapping("/api/v1/devices/me/push/webpush-key")
    Map<String, String> webPushKey() {
        return Map.of("applicationServerKey", webPushKeys.applicationServerKey()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Web Push is not enabled")));
    }

    private PushTarget target(UUID deviceId, PushRegistration registration) {
        String channel = registration.channel() == null ? "" : registration.channel().toLowerCase(Locale.ROOT);
        switch (channel) {
            case "fcm", "apns" -> {
                Pattern format = channel.equals("fcm") ? FCM_TOKEN : APNS_TOKEN;
                if (registration.subscription() != null) {
                    throw badRequest("subscription is for channel webpush; " + channel + " takes a token");
                }
                if (registration.token() == null || !format.matcher(registration.token()).matches()) {
                    throw badRequest("token is not a valid " + channel + " device token");
                }
                return new PushTarget(deviceId, channel, registration.token());
            }
            case "webpush" -> {
                if (registration.token() != null) {
                    throw badRequest("channel webpush takes a subscription, not a token");
                }
                return webPushTarget(deviceId, registration.subscription());
            }
            default -> throw badRequest("channel must be one of fcm, apns, webpush");
        }
    }

    private PushTarget webPushTarget(UUID deviceId, WebPushSubscription subscription) {
        if (subscription == null || subscription.endpoint() == null) {
            throw badRequest("subscription needs an endpoint");
        }
        String endpoint = subscription.endpoint();
        if (endpoint.length() > MAX_ENDPOINT_LENGTH) {
            throw badRequest("subscription.endpoint is longer than " + MAX_ENDPOINT_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw badRequest("subscription.endpoint is not a URL");
        }
        boolean schemeAllowed = "https".equals(uri.getScheme()) || (webPush.allowHttp() && "http".equals(uri.getScheme()));
        if (!schemeAllowed || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw badRequest("subscription.endpoint must be an https URL");
        }
        if (!webPush.allowsHost(uri.getHost())) {
            throw badRequest("subscription.endpoint is not on a known push service");
        }
        return new PushTarget(deviceId, "webpush", endpoint);
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
