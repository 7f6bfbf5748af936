package vn.bluezone.upload.keys;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
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
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.upload.support.EventPublisher;
import vn.bluezone.upload.support.EventPublisher.Event;
import vn.bluezone.upload.support.Problems;

/**
 * A verified phone publishes its keys: an F0 with the grant from its code, an F1 with the grant from
 * its alert. The grant is spent in the same database transaction that waits for Kafka's
 * acknowledgement: if Kafka refuses, the token stays usable and nothing changed.
 */
@RestController
class DiagnosisKeyController {

    private final DiagnosisKeyRules rules;
    private final UploadGrants grants;
    private final SpentGrants spentGrants;
    private final EventPublisher publisher;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final Counter accepted;

    DiagnosisKeyController(DiagnosisKeyRules rules, UploadGrants grants, SpentGrants spentGrants,
            EventPublisher publisher, TransactionalOperator transaction, Clock clock, MeterRegistry meters) {
        this.rules = rules;
        this.grants = grants;
        this.spentGrants = spentGrants;
        this.publisher = publisher;
        this.transaction = transaction;
        this.clock = clock;
        this.accepted = meters.counter("bluezone.diagnosis_keys.accepted");
    }

    @PostMapping("/api/v1/diagnosis-keys")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> upload(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId,
            @Valid @RequestBody DiagnosisKeyUpload upload) {
        rules.check(upload.keys());
        UploadGrant grant = grants.verify(upload.uploadToken())
                .filter(valid -> valid.deviceId().equals(deviceId))
                .orElseThrow(DiagnosisKeyController::unusableToken);
        return spentGrants.spend(grant)
                .flatMap(spent -> spent ? spentGrants.caseOrigins(grant.caseId()).collectList() : Mono.error(unusableToken()))
                .flatMap(origins -> publisher.publishAll(List.of(event(grant, origins, upload))))
                .as(transaction::transactional)
                .doOnSuccess(done -> accepted.increment(upload.keys().size()))
                .thenReturn(new Accepted(upload.keys().size()));
    }

    private static ResponseStatusException unusableToken() {
        return Problems.forbidden("The upload token is unknown, expired, already used or not this device's");
    }

    private Event event(UploadGrant grant, List<UUID> caseOrigins, DiagnosisKeyUpload upload) {
        List<DiagnosisKeysPublished.Key> keys = upload.keys().stream()
                .map(key -> new DiagnosisKeysPublished.Key(key.key(), key.rollingStartInterval(), key.rollingPeriod()))
                .toList();
        Set<UUID> excluded = new LinkedHashSet<>(caseOrigins);
        excluded.add(grant.deviceId());
        return new Event(Topics.DIAGNOSIS_KEYS, grant.caseId().toString(), new DiagnosisKeysPublished(UUID.randomUUID(),
                grant.caseId(), grant.deviceId(), grant.level(), grant.infectiousFromInterval(), List.copyOf(excluded),
                keys, clock.instant()));
    }
}
