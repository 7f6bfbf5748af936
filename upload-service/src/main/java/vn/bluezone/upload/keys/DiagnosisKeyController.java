package vn.bluezone.upload.keys;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.Accepted;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.upload.support.EventPublisher;
import vn.bluezone.upload.support.EventPublisher.Event;
import vn.bluezone.upload.support.Problems;
import vn.bluezone.upload.verification.UploadGrant;
import vn.bluezone.upload.verification.UploadTokens;

/**
 * A verified phone publishes its keys. The token is spent in the same database transaction that
 * waits for Kafka's acknowledgement: if Kafka refuses, the token stays usable and nothing changed.
 */
@RestController
class DiagnosisKeyController {

    private final DiagnosisKeyRules rules;
    private final UploadTokens uploadTokens;
    private final EventPublisher publisher;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final Counter accepted;

    DiagnosisKeyController(DiagnosisKeyRules rules, UploadTokens uploadTokens, EventPublisher publisher,
            TransactionalOperator transaction, Clock clock, MeterRegistry meters) {
        this.rules = rules;
        this.uploadTokens = uploadTokens;
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
        return uploadTokens.consume(upload.uploadToken(), deviceId)
                .switchIfEmpty(Mono.error(() -> Problems.forbidden("The upload token is unknown, expired or already used")))
                .flatMap(grant -> publisher.publishAll(List.of(event(deviceId, grant, upload))))
                .as(transaction::transactional)
                .doOnSuccess(done -> accepted.increment(upload.keys().size()))
                .thenReturn(new Accepted(upload.keys().size()));
    }

    private Event event(UUID deviceId, UploadGrant grant, DiagnosisKeyUpload upload) {
        List<DiagnosisKeysPublished.Key> keys = upload.keys().stream()
                .map(key -> new DiagnosisKeysPublished.Key(key.key(), key.rollingStartInterval(), key.rollingPeriod()))
                .toList();
        return new Event(Topics.DIAGNOSIS_KEYS, grant.caseId().toString(), new DiagnosisKeysPublished(UUID.randomUUID(),
                grant.caseId(), deviceId, grant.level(), grant.infectiousFromInterval(), keys, clock.instant()));
    }
}
