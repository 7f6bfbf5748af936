package vn.bluezone.upload.verification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.UploadAuthorization;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.events.CodeRedeemed;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.AttemptWindows;
import vn.bluezone.upload.support.EventPublisher;
import vn.bluezone.upload.support.Problems;
import vn.bluezone.upload.support.SecretHasher;

/**
 * The F0's phone redeems its one-time code for a one-time upload token (a signed F0 grant). Each
 * device has a few attempts a day across every instance; every outcome is counted
 * ({@code bluezone_verification_redemptions_total}), so a national rise in failures, guessing with many
 * devices, shows on a dashboard and fires an alert.
 */
@RestController
class VerifyController {

    private final DatabaseClient db;
    private final SecretHasher hasher;
    private final UploadGrants grants;
    private final UploadProperties properties;
    private final Clock clock;
    private final AttemptWindows attempts;
    private final AttemptWindows.Limit perDevice;
    private final MeterRegistry meters;
    private final EventPublisher events;

    VerifyController(DatabaseClient db, SecretHasher hasher, UploadGrants grants, UploadProperties properties,
            Clock clock, AttemptWindows attempts, MeterRegistry meters, EventPublisher events) {
        this.db = db;
        this.events = events;
        this.hasher = hasher;
        this.grants = grants;
        this.properties = properties;
        this.clock = clock;
        this.attempts = attempts;
        this.perDevice = new AttemptWindows.Limit("verify-device", properties.verifyAttemptsPerDevice(),
                properties.verifyAttemptWindow());
        this.meters = meters;
        for (String outcome : new String[] {"redeemed", "refused", "limited"}) {
            outcome(outcome); // every series exists from the start, so a rate over them is never "no data"
        }
    }

    private Counter outcome(String outcome) {
        return Counter.builder("bluezone.verification.redemptions").tag("outcome", outcome)
                .description("Code redemptions: redeemed, refused (unknown, expired or used), limited (429)")
                .register(meters);
    }

    @PostMapping("/api/v1/verify")
    Mono<UploadAuthorization> verify(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId,
            @Valid @RequestBody VerificationRequest request) {
        Instant now = clock.instant();
        return attempts.take(perDevice, deviceId.toString())
                .flatMap(wait -> {
                    outcome("limited").increment();
                    return Mono.<UploadGrant>error(Problems.tooManyRequests(
                            "Too many code attempts from this device; try again later", wait));
                })
                // Told before the code is spent, with no connection held meanwhile: if Kafka cannot take it, the
                // code stays unspent (503). A phone that loses a race for the code leaves an extra event
                // for a case whose code was redeemed at that moment anyway (consumers keep the earliest).
                .switchIfEmpty(Mono.defer(() -> caseOfLiveCode(request.code(), now)
                        .flatMap(caseId -> events.publishAll(List.of(new EventPublisher.Event(Topics.CASES,
                                caseId.toString(), new CodeRedeemed(caseId, now)))))
                        .then(redeem(request.code(), deviceId, now))))
                .switchIfEmpty(Mono.error(() -> {
                    outcome("refused").increment();
                    return Problems.forbidden("The code is unknown, expired or already used");
                }))
                .doOnNext(grant -> outcome("redeemed").increment())
                .map(grant -> new UploadAuthorization(grants.issue(grant), grant.expiresAt()));
    }

    /** The case of a code that can still be redeemed; empty for any other code. Changes nothing. */
    private Mono<UUID> caseOfLiveCode(String code, Instant now) {
        return db.sql("SELECT case_id FROM upload.verification_code WHERE code_hash IN (:h) AND redeemed_at IS NULL "
                        + "AND expires_at > :now")
                .bind("h", hasher.hashes(VerificationCodes.PURPOSE, code))
                .bind("now", now)
                .map(row -> row.get("case_id", UUID.class))
                .first();
    }

    /** Marks the code redeemed and returns the F0 grant it stands for, in one statement. */
    private Mono<UploadGrant> redeem(String code, UUID deviceId, Instant now) {
        return db.sql("UPDATE upload.verification_code v SET redeemed_at = :now FROM upload.covid_case c "
                        + "WHERE v.code_hash IN (:h) AND v.redeemed_at IS NULL AND v.expires_at > :now AND c.id = v.case_id "
                        + "RETURNING c.id, c.test_date, c.symptom_onset")
                .bind("now", now)
                .bind("h", hasher.hashes(VerificationCodes.PURPOSE, code))
                .map(row -> {
                    LocalDate onset = row.get("symptom_onset", LocalDate.class);
                    LocalDate reference = onset != null ? onset : row.get("test_date", LocalDate.class);
                    int infectiousFrom = EnIntervals.startOfDay(reference.minusDays(properties.infectiousDaysBeforeOnset()));
                    return new UploadGrant(UUID.randomUUID().toString(), deviceId, row.get("id", UUID.class),
                            ContactLevel.F0, infectiousFrom, now, now.plus(properties.uploadTokenValidity()));
                })
                .one();
    }
}
