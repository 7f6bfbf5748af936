package vn.bluezone.notify.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.notify.NotifyProperties;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.events.ContactLevel;

/** Phones poll their own alerts; the device id comes from the gateway, never from the client. */
@RestController
class AlertController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AlertList NO_ALERTS = new AlertList(List.of());

    /** Which path polls took. */
    private record PollCounters(Counter withoutAlerts, Counter fromInbox) {
    }

    private final AlertInbox inbox;
    private final AlertIndex index;
    private final UploadTokens uploadTokens;
    private final NotifyProperties properties;
    private final PollCounters polls;
    private final Clock clock;

    AlertController(AlertInbox inbox, AlertIndex index, UploadTokens uploadTokens,
            NotifyProperties properties, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.inbox = inbox;
        this.index = index;
        this.uploadTokens = uploadTokens;
        this.properties = properties;
        this.polls = new PollCounters(polls(meters, "index"), polls(meters, "inbox"));
    }

    private static Counter polls(MeterRegistry meters, String path) {
        return Counter.builder("bluezone.alerts.polls").tag("path", path)
                .description("Polls answered from the index (no database read) or the inbox").register(meters);
    }

    /**
     * A device's alerts, with an ETag: a repeated poll with If-None-Match gets 304. Most devices have
     * no alert; the index says so without a database read, and nothing is written per poll.
     */
    @GetMapping(AlertList.PATH)
    Mono<ResponseEntity<AlertList>> alerts(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId,
            ServerWebExchange exchange) {
        if (!index.mayHaveAlerts(deviceId)) {
            polls.withoutAlerts.increment();
            return Mono.justOrEmpty(respond(exchange, () -> NO_ALERTS, AlertList.NO_ALERTS_ETAG));
        }
        polls.fromInbox.increment();
        return inbox.ofDevice(deviceId).collectList().flatMap(stored -> stored.stream()
                        .anyMatch(alert -> alert.deliveredAt() == null) ? inbox.delivered(deviceId, clock.instant())
                        .thenReturn(stored) : Mono.just(stored)).flatMap(stored -> {
            // The version is that of the grants: a token signed again (ECDSA) differs, the grant does not.
            String etag = etagOf(new AlertList(stored.stream().map(alert -> alertOf(alert, grantOf(alert)
                    .map(UploadGrant::grantId).orElse(null))).toList()));
            return Mono.justOrEmpty(respond(exchange, () -> new AlertList(stored.stream().map(alert -> alertOf(alert,
                    grantOf(alert).map(uploadTokens::of).orElse(null))).toList()), etag));
        });
    }

    private static AlertList.Alert alertOf(AlertInbox.StoredAlert alert, String uploadToken) {
        return new AlertList.Alert(alert.alertId(), alert.level(), alert.exposureDate(), alert.weightedMinutes(),
                alert.createdAt(), uploadToken);
    }

    /** 304 (empty) when the client already has this version, else 200 with the ETag. */
    private static ResponseEntity<AlertList> respond(ServerWebExchange exchange, Supplier<AlertList> body, String etag) {
        if (exchange.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache().cachePrivate()).body(padded(body.get()));
    }

    /** Padded to the size bucket (AlertList.SIZE_BUCKET): the answer's size does not tell whether there are alerts. */
    private static AlertList padded(AlertList list) {
        return list.paddedFrom(JSON.writeValueAsBytes(list).length);
    }

    private static String etagOf(AlertList list) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(list));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JCA", e);
        }
    }

    /**
     * An F1 may publish its keys once, counting from its first exposure. The grant id is the alert id
     * and that start, so every poll's token is for the same grant and the upload-service accepts it
     * once; if an earlier exposure turns up later, the start moves and a new grant lets the phone
     * publish again.
     */
    private Optional<UploadGrant> grantOf(AlertInbox.StoredAlert alert) {
        if (!ContactLevel.F1.name().equals(alert.level())) {
            return Optional.empty();
        }
        return Optional.of(new UploadGrant(alert.alertId() + ":" + alert.firstExposureInterval(), alert.deviceId(), alert.caseId(), ContactLevel.F1,
                alert.firstExposureInterval(), alert.createdAt(), alert.createdAt().plus(properties.uploadTokenValidity())));
    }
}
