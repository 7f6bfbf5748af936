package vn.bluezone.upload.verification;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import vn.bluezone.protocol.api.BulkCaseResult;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.upload.support.CsvUploads;
import vn.bluezone.upload.support.Problems;

/**
 * Cases from a CSV file, one per line: {@code reference,testDate,symptomOnset,provinceCode} (the
 * official's own line id, ISO dates, the onset may be empty). Lines are issued one after the other,
 * each in its own transaction with the record of its reference, so a file interrupted half way (a
 * dependency down) can be sent again: what was issued is skipped, the rest is issued.
 */
@Component
class BulkCases {

    static final int MAX_LINES = 1000;
    private static final String REFERENCE = "[A-Za-z0-9._/-]{1,64}";

    /** A parsed line: a registration, or why it cannot be one. */
    record Line(int line, String reference, CaseRegistration registration, String error) {
    }

    private final Cases cases;
    private final DatabaseClient db;
    private final Clock clock;

    BulkCases(Cases cases, DatabaseClient db, Clock clock) {
        this.cases = cases;
        this.db = db;
        this.clock = clock;
    }

    /** Every line of the file; a 400 problem only when the file itself is unusable. */
    List<Line> parse(String csv) {
        List<Line> lines = new ArrayList<>();
        Set<String> references = new HashSet<>();
        try (MappingIterator<Map<String, String>> rows = CsvUploads.rows(csv)) {
            int number = 1;
            while (rows.hasNext()) {
                number++;
                Map<String, String> row = rows.next();
                if (!row.keySet().containsAll(List.of("reference", "testDate", "provinceCode"))) {
                    throw Problems.badRequest("line 1: the header must name the columns reference, testDate, "
                            + "symptomOnset (may be empty) and provinceCode");
                }
                if (number - 1 > MAX_LINES) {
                    throw Problems.badRequest("A file has at most " + MAX_LINES + " cases");
                }
                lines.add(line(number, row, references));
            }
        } catch (JacksonException e) {
            throw Problems.badRequest("The file is not CSV with a header line");
        }
        if (lines.isEmpty()) {
            throw Problems.badRequest("The file has no cases");
        }
        return lines;
    }

    private static Line line(int number, Map<String, String> row, Set<String> references) {
        String reference = row.get("reference").trim();
        if (!reference.matches(REFERENCE)) {
            return new Line(number, reference, null, "reference must be 1-64 of A-Z a-z 0-9 . _ / -");
        }
        if (!references.add(reference)) {
            return new Line(number, reference, null, "reference " + reference + " is on an earlier line");
        }
        try {
            String onset = row.getOrDefault("symptomOnset", "").trim();
            return new Line(number, reference, new CaseRegistration(LocalDate.parse(row.get("testDate").trim()),
                    onset.isEmpty() ? null : LocalDate.parse(onset), row.get("provinceCode").trim()), null);
        } catch (DateTimeParseException e) {
            return new Line(number, reference, null, "dates must be YYYY-MM-DD");
        }
    }

    Mono<List<BulkCaseResult>> issue(Principal caller, List<Line> lines, ServerHttpRequest request) {
        return Flux.fromIterable(lines).concatMap(line -> issue(caller, line, request)).collectList();
    }

    private Mono<BulkCaseResult> issue(Principal caller, Line line, ServerHttpRequest request) {
        if (line.error() != null) {
            return Mono.just(error(line, line.error()));
        }
        return issuedBefore(caller, line.reference())
                .map(caseId -> new BulkCaseResult(line.line(), line.reference(), BulkCaseResult.Outcome.SKIPPED, caseId,
                        null, null, null))
                .switchIfEmpty(Mono.defer(() -> cases.open(caller, line.registration(), request,
                                created -> db.sql("INSERT INTO upload.bulk_issue (created_by, reference, case_id, created_at) "
                                                + "VALUES (:by, :ref, :case, :at)")
                                        .bind("by", caller.subject()).bind("ref", line.reference())
                                        .bind("case", created.caseId()).bind("at", clock.instant()).then())
                        .map(created -> new BulkCaseResult(line.line(), line.reference(), BulkCaseResult.Outcome.ISSUED,
                                created.caseId(), created.verificationCode(), created.codeExpiresAt(), null))))
                // What the line asks is refused (a bad date, another province); a dependency down fails the request.
                .onErrorResume(ResponseStatusException.class, refused -> refused.getStatusCode().is4xxClientError()
                        ? Mono.just(error(line, refused.getReason())) : Mono.error(refused));
    }

    private Mono<UUID> issuedBefore(Principal caller, String reference) {
        return db.sql("SELECT case_id FROM upload.bulk_issue WHERE created_by = :by AND reference = :ref")
                .bind("by", caller.subject()).bind("ref", reference)
                .map(row -> row.get("case_id", UUID.class)).one();
    }

    private static BulkCaseResult error(Line line, String why) {
        return new BulkCaseResult(line.line(), line.reference(), BulkCaseResult.Outcome.ERROR, null, null, null, why);
    }
}
