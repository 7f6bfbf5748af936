package vn.bluezone.upload.keys;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.Accepted;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.upload.support.EventPublisher;
import vn.bluezone.upload.support.EventPublisher.Event;
import vn.bluezone.upload.support.Problems;

/**
 * A verified phone publishes its keys: an F0 with the grant from its code, an F1 with the grant from
 * its alert. The grant is spent for this exact key set (one short statement), then the event is
 * published with no database connection held while Kafka is waited for. A 2xx means Kafka
 * acknowledged it. The same grant with the same keys may be sent again (the phone never got the
 * answer, or Kafka was down and the answer was 503): it is accepted again, and the event, with the same
 * upload id, is published again unless Kafka already acknowledged it. The same grant with other keys
 * is refused.
 */
@RestController
class DiagnosisKeyController {

    private final DiagnosisKeyRules rules;
    private final UploadGrants grants;
    private final SpentGrants spentGrants;
    private final EventPublisher publisher;
    private final Counter accepted;

    DiagnosisKeyController(DiagnosisKeyRules rules, UploadGrants grants, SpentGrants spentGrants,
            EventPublisher publisher, MeterRegistry meters) {
        this.rules = rules;
        this.grants = grants;
        this.spentGrants = spentGrants;
        this.publisher = publisher;
        this.accepted = Counter.builder("bluezone.diagnosis_keys.accepted")
                .description("Diagnosis keys published").register(meters);
    }

    @PostMapping("/api/v1/diagnosis-keys")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> upload(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId,
            @Valid @RequestBody DiagnosisKeyUpload upload) {
        rules.check(upload.keys());
        UploadGrant grant = grants.verify(upload.uploadToken())
                .filter(valid -> valid.deviceId().equals(deviceId))
                .orElseThrow(DiagnosisKeyController::unusableToken);
        UUID uploadId = uploadId(grant, upload.keys());
        return spentGrants.spend(grant, uploadId)
                .filter(spend -> spend.uploadId() != null && spend.uploadId().equals(uploadId))
                .switchIfEmpty(Mono.error(DiagnosisKeyController::unusableToken))
                .flatMap(spend -> spend.published() ? Mono.empty() : publish(grant, upload, spend))
                .thenReturn(new Accepted(upload.keys().size()));
    }

    private Mono<Void> publish(UploadGrant grant, DiagnosisKeyUpload upload, SpentGrants.Spend spend) {
        return spentGrants.caseOrigins(grant.caseId()).collectList()
                .flatMap(origins -> publisher.publishAll(events(grant, origins, upload, spend)))
                .doOnSuccess(done -> accepted.increment(upload.keys().size()))
                .then(Mono.defer(() -> spentGrants.published(spend.uploadId())
                        .onErrorResume(failure -> Mono.empty()))); // acknowledged: a retry merely publishes again
    }

    /** The same for the same grant and key set, whatever their order: what makes a retry recognisable. */
    static UUID uploadId(UploadGrant grant, List<DiagnosisKeyUpload.Key> keys) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(grant.grantId().getBytes(StandardCharsets.UTF_8));
            keys.stream()
                    .map(key -> HexFormat.of().formatHex(key.key()) + "/" + key.rollingStartInterval() + "/" + key.rollingPeriod())
                    .sorted()
                    .forEach(key -> digest.update(("|" + key).getBytes(StandardCharsets.UTF_8)));
            return UUID.nameUUIDFromBytes(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JCA", e);
        }
    }

    private static ResponseStatusException unusableToken() {
        return Problems.forbidden("The upload token is unknown, expired, already used for other keys or not this device's");
    }

    /**
     * The upload, and every RPI its keys broadcast, keyed by RPI for the matching engine: expanded here
     * so they reach it without a hop of its own (a repartition is a transaction commit and a fetch).
     */
    private static List<Event> events(UploadGrant grant, List<UUID> caseOrigins, DiagnosisKeyUpload upload,
            SpentGrants.Spend spend) {
        DiagnosisKeysPublished keys = event(grant, caseOrigins, upload, spend);
        List<Event> events = new ArrayList<>();
        events.add(new Event(Topics.DIAGNOSIS_KEYS, grant.caseId().toString(), keys));
        PublishedRpi.of(keys).forEach(rpi -> events.add(new Event(Topics.PUBLISHED_RPIS, rpi.rpi(), rpi.publication())));
        return events;
    }

    private static DiagnosisKeysPublished event(UploadGrant grant, List<UUID> caseOrigins, DiagnosisKeyUpload upload,
            SpentGrants.Spend spend) {
        List<DiagnosisKeysPublished.Key> keys = upload.keys().stream()
                .map(key -> new DiagnosisKeysPublished.Key(key.key(), key.rollingStartInterval(), key.rollingPeriod()))
                .toList();
        Set<UUID> excluded = new LinkedHashSet<>(caseOrigins);
        excluded.add(grant.deviceId());
        return new DiagnosisKeysPublished(spend.uploadId(), grant.caseId(), grant.deviceId(), grant.level(),
                grant.infectiousFromInterval(), List.copyOf(excluded), keys, spend.spentAt());
    }
}
