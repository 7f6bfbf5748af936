package vn.bluezone.upload.verification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.events.CaseOpened;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.protocol.provinces.AdministrativeUnits;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.EventPublisher;
import vn.bluezone.upload.support.Problems;
import vn.bluezone.upload.support.SecretHasher;

/** A health official confirms a positive case and hands its phone a one-time code. */
@RestController
class CaseController {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final SecretHasher hasher;
    private final UploadProperties properties;
    private final Clock clock;
    private final Counter confirmed;
    private final EventPublisher events;
    private final AdministrativeUnits provinces;

    CaseController(DatabaseClient db, TransactionalOperator transaction, SecretHasher hasher,
            UploadProperties properties, Clock clock, MeterRegistry meters, EventPublisher events,
            AdministrativeUnits provinces) {
        this.db = db;
        this.transaction = transaction;
        this.hasher = hasher;
        this.properties = properties;
        this.clock = clock;
        this.confirmed = meters.counter("bluezone.cases.confirmed");
        this.events = events;
        this.provinces = provinces;
    }

    @PostMapping("/api/v1/official/cases")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CaseCreated> confirm(@RequestHeader(GatewayHeaders.OFFICIAL) String official,
            @Valid @RequestBody CaseRegistration registration) {
        Problems.requireProvince(provinces, registration.provinceCode(), false);
        if (registration.testDate().isAfter(LocalDate.now(clock).plusDays(1))) {
            throw Problems.badRequest("testDate is in the future");
        }
        if (registration.symptomOnset() != null && registration.symptomOnset().isAfter(registration.testDate().plusDays(14))) {
            throw Problems.badRequest("symptomOnset is more than 14 days after testDate");
        }
        UUID caseId = UUID.randomUUID();
        Instant now = clock.instant();
        Instant codeExpiresAt = now.plus(properties.codeValidity());
        Mono<Void> insertCase = db.sql("INSERT INTO upload.covid_case "
                        + "(id, test_date, symptom_onset, province_code, created_by, created_at) "
                        + "VALUES (:id, :test, :onset, :province, :by, :at)")
                .bind("id", caseId)
                .bind("test", registration.testDate())
                .bind("onset", Parameter.fromOrEmpty(registration.symptomOnset(), LocalDate.class))
                .bind("province", registration.provinceCode())
                .bind("by", official)
                .bind("at", now)
                .then();
        // Kafka first: a case the other services were not told about never exists (503, nothing stored);
        // an event whose insert then failed names a case nobody can ever use.
        return events.publishAll(List.of(new EventPublisher.Event(Topics.CASES, caseId.toString(),
                        new CaseOpened(caseId, registration.provinceCode(), now))))
                .then(insertCase.then(issueCode(caseId, codeExpiresAt)).as(transaction::transactional))
                .doOnSuccess(created -> confirmed.increment());
    }

    /** Another code for an existing case, e.g. when the first expired or the phone was replaced. */
    @PostMapping("/api/v1/official/cases/{caseId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CaseCreated> newCode(@PathVariable UUID caseId) {
        return db.sql("SELECT 1 FROM upload.covid_case WHERE id = :id").bind("id", caseId).map(row -> true).one()
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId)))
                .then(issueCode(caseId, clock.instant().plus(properties.codeValidity())));
    }

    /** A fresh random code; a clash with a live code is retried with another one. */
    private Mono<CaseCreated> issueCode(UUID caseId, Instant expiresAt) {
        return Mono.defer(() -> {
            String code = SecretHasher.randomCode();
            return db.sql("INSERT INTO upload.verification_code (code_hash, case_id, expires_at) VALUES (:h, :c, :e) "
                            + "ON CONFLICT (code_hash) DO UPDATE SET case_id = EXCLUDED.case_id, "
                            + "expires_at = EXCLUDED.expires_at, redeemed_at = NULL "
                            + "WHERE upload.verification_code.expires_at < now()")
                    .bind("h", hasher.hash(VerificationCodes.PURPOSE, code))
                    .bind("c", caseId)
                    .bind("e", expiresAt)
                    .fetch()
                    .rowsUpdated()
                    .flatMap(rows -> rows == 1
                            ? Mono.just(new CaseCreated(caseId, code, expiresAt))
                            : Mono.error(new DataIntegrityViolationException("live code clash")));
        }).retryWhen(Retry.max(5).filter(DataIntegrityViolationException.class::isInstance));
    }
}
