package vn.bluezone.upload.verification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.events.CaseOpened;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.protocol.provinces.AdministrativeUnits;
import vn.bluezone.support.web.Callers;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.audit.AuditLog;
import vn.bluezone.upload.support.EventPublisher;
import vn.bluezone.upload.support.Problems;
import vn.bluezone.upload.support.SecretHasher;

/**
 * Cases as health officials open them and hand their phones one-time codes: the rules (role, the
 * account's provinces, dates), the event to the other services, the rows, and the audit entry.
 */
@Component
class Cases {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final SecretHasher hasher;
    private final UploadProperties properties;
    private final Clock clock;
    private final Counter confirmed;
    private final EventPublisher events;
    private final AdministrativeUnits provinces;
    private final AuditLog audit;

    Cases(DatabaseClient db, TransactionalOperator transaction, SecretHasher hasher,
            UploadProperties properties, Clock clock, MeterRegistry meters, EventPublisher events,
            AdministrativeUnits provinces, AuditLog audit) {
        this.audit = audit;
        this.db = db;
        this.transaction = transaction;
        this.hasher = hasher;
        this.properties = properties;
        this.clock = clock;
        this.confirmed = Counter.builder("bluezone.cases.confirmed")
                .description("Cases created (F0)").register(meters);
        this.events = events;
        this.provinces = provinces;
    }

    /** Opens the case and issues its first code; an error signal for every refusal. */
    Mono<CaseCreated> open(Principal caller, CaseRegistration registration, ServerHttpRequest request) {
        return open(caller, registration, request, created -> Mono.empty());
    }

    /** @param alsoStore more to store in the transaction that stores the case */
    Mono<CaseCreated> open(Principal caller, CaseRegistration registration, ServerHttpRequest request,
            Function<CaseCreated, Mono<Void>> alsoStore) {
        return Mono.defer(() -> openChecked(caller, registration, request, alsoStore));
    }

    private Mono<CaseCreated> openChecked(Principal caller, CaseRegistration registration, ServerHttpRequest request,
            Function<CaseCreated, Mono<Void>> alsoStore) {
        Callers.requireOfficial(caller, OfficialRole.HEALTH_OFFICIAL);
        Problems.requireProvince(provinces, registration.provinceCode(), false);
        if (!caller.scope().covers(registration.provinceCode())) {
            throw Problems.forbidden("provinceCode: " + registration.provinceCode() + " is not one of this account's provinces");
        }
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
                .bind("by", caller.subject())
                .bind("at", now)
                .then();
        // Kafka first: a case the other services were not told about never exists (503, nothing stored);
        // an event whose insert then failed names a case nobody can ever use.
        return events.publishAll(List.of(new EventPublisher.Event(Topics.CASES, caseId.toString(),
                        new CaseOpened(caseId, registration.provinceCode(), now, registration.testDate()))))
                .then(insertCase.then(issueCode(caseId, codeExpiresAt))
                        .flatMap(created -> audit.record(caller, request, AuditLog.Action.CASE_CREATED, caseId.toString(),
                                registration.provinceCode(), "test date " + registration.testDate())
                                .then(alsoStore.apply(created)).thenReturn(created))
                        .as(transaction::transactional))
                .doOnSuccess(created -> confirmed.increment());
    }

    /** Another code for an existing case of the caller's provinces. */
    Mono<CaseCreated> newCode(Principal caller, UUID caseId, ServerHttpRequest request) {
        Callers.requireOfficial(caller, OfficialRole.HEALTH_OFFICIAL);
        return provinceOfVisibleCase(caller, caseId)
                .flatMap(province -> issueCode(caseId, clock.instant().plus(properties.codeValidity()))
                        .flatMap(created -> audit.record(caller, request, AuditLog.Action.CASE_CODE_ISSUED,
                                caseId.toString(), province, null).thenReturn(created)))
                .as(transaction::transactional);
    }

    /** Expires every live code of an existing case of the caller's provinces. */
    Mono<Void> expireCodes(Principal caller, UUID caseId, ServerHttpRequest request) {
        Callers.requireOfficial(caller, OfficialRole.HEALTH_OFFICIAL);
        Instant now = clock.instant();
        return provinceOfVisibleCase(caller, caseId)
                .flatMap(province -> db.sql("UPDATE upload.verification_code SET expires_at = :now "
                                + "WHERE case_id = :id AND redeemed_at IS NULL AND expires_at > :now")
                        .bind("id", caseId).bind("now", now).fetch().rowsUpdated()
                        .flatMap(expired -> audit.record(caller, request, AuditLog.Action.CASE_CODES_EXPIRED,
                                caseId.toString(), province, expired + " code(s) expired")))
                .as(transaction::transactional);
    }

    /**
     * The case's province, if the case exists and the caller's provinces include it; else 404 (another
     * province's case is as unknown to the caller as one that never existed).
     */
    private Mono<String> provinceOfVisibleCase(Principal caller, UUID caseId) {
        return db.sql("SELECT province_code FROM upload.covid_case WHERE id = :id").bind("id", caseId)
                .map(row -> row.get("province_code", String.class)).one()
                .filter(province -> caller.scope().covers(province))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId)));
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
