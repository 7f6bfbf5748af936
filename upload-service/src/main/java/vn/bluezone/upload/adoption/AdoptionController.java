package vn.bluezone.upload.adoption;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.Adoption;
import vn.bluezone.protocol.api.SmartphoneUpload;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.support.web.Callers;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.audit.AuditLog;
import vn.bluezone.upload.support.Problems;

/**
 * App adoption per province: the figures of any day, the kept daily reports as CSV and XLSX, and the
 * operators' smartphone uploads. Operators see every province; a province officer only the account's
 * provinces (each with its national rank) and the national totals.
 */
@RestController
class AdoptionController {

    private static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final AdoptionFigures figures;
    private final DailyReports reports;
    private final ReportFiles files;
    private final SmartphoneFigures smartphones;
    private final AuditLog audit;
    private final TransactionalOperator transaction;
    private final UploadProperties properties;
    private final Clock clock;

    AdoptionController(AdoptionFigures figures, DailyReports reports, ReportFiles files, SmartphoneFigures smartphones,
            AuditLog audit, TransactionalOperator transaction, UploadProperties properties, Clock clock) {
        this.figures = figures;
        this.reports = reports;
        this.files = files;
        this.smartphones = smartphones;
        this.audit = audit;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/v1/official/adoption")
    Mono<Adoption> adoption(Principal caller, @RequestParam(required = false) LocalDate date) {
        requireStatistics(caller);
        LocalDate today = properties.statisticsToday(clock);
        LocalDate day = date == null ? today : date;
        if (day.isAfter(today)) {
            throw Problems.badRequest("date: " + day + " has not begun in " + properties.statisticsZone());
        }
        return figures.on(day).map(adoption -> visibleTo(caller, adoption));
    }

    /** The days that have a daily report, newest first. */
    @GetMapping("/api/v1/official/adoption/reports")
    Mono<List<LocalDate>> reportDays(Principal caller, @RequestParam(defaultValue = "60") int limit) {
        requireStatistics(caller);
        if (limit < 1 || limit > 400) {
            throw Problems.badRequest("limit: must be 1 to 400");
        }
        return reports.days(limit).collectList();
    }

    @GetMapping("/api/v1/official/adoption/report/{day}.csv")
    Mono<ResponseEntity<byte[]>> csvReport(Principal caller, @PathVariable LocalDate day,
            @RequestParam(required = false) String lang, ServerWebExchange exchange) {
        requireStatistics(caller);
        return report(caller, day).map(adoption -> download(files.csv(adoption, locale(lang, exchange)), CSV, day, "csv"));
    }

    @GetMapping("/api/v1/official/adoption/report/{day}.xlsx")
    Mono<ResponseEntity<byte[]>> xlsxReport(Principal caller, @PathVariable LocalDate day,
            @RequestParam(required = false) String lang, ServerWebExchange exchange) {
        requireStatistics(caller);
        Set<String> highlighted = caller.scope().national() ? Set.of() : caller.scope().provinces();
        return report(caller, day).map(adoption -> download(files.xlsx(adoption, locale(lang, exchange), highlighted),
                XLSX, day, "xlsx"));
    }

    /** CSV with the columns provinceCode and smartphones; figures for days from {@code asOf} on. */
    @PutMapping(value = "/api/v1/official/adoption/smartphones", consumes = {"text/csv", "text/plain"})
    Mono<SmartphoneUpload> uploadSmartphones(Principal caller, @RequestParam(required = false) LocalDate asOf,
            @RequestBody String csv, ServerHttpRequest request) {
        Callers.requireOfficial(caller, OfficialRole.OPERATOR);
        LocalDate day = asOf == null ? properties.statisticsToday(clock) : asOf;
        List<SmartphoneFigures.Line> lines = smartphones.parse(csv);
        return smartphones.store(day, lines, caller.subject())
                .flatMap(stored -> audit.record(caller, request, AuditLog.Action.SMARTPHONES_UPLOADED,
                        "smartphones:" + stored.uploadId(), null, stored.provinces() + " provinces as of " + day)
                        .thenReturn(stored))
                .as(transaction::transactional);
    }

    private Mono<Adoption> report(Principal caller, LocalDate day) {
        return reports.report(day).map(adoption -> visibleTo(caller, adoption))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No daily report of " + day + " (reports are made at " + properties.dailyReportTime()
                                + " for the day before)")));
    }

    /** Operators: statistics of every province; province officers: of theirs. Anyone else: 403. */
    private static void requireStatistics(Principal caller) {
        if (caller.role() != Role.OFFICIAL || !(caller.scope().has(OfficialRole.OPERATOR)
                || caller.scope().has(OfficialRole.PROVINCE_OFFICER))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This needs an official account with the role "
                    + OfficialRole.PROVINCE_OFFICER + " or " + OfficialRole.OPERATOR);
        }
    }

    private static Adoption visibleTo(Principal caller, Adoption adoption) {
        if (caller.scope().has(OfficialRole.OPERATOR)) {
            return adoption;
        }
        return new Adoption(adoption.date(), adoption.administrativeUnits(), adoption.activeAsOf(),
                adoption.smartphonesAsOf(), adoption.provinces().stream()
                        .filter(province -> caller.scope().covers(province.provinceCode())).toList(),
                adoption.national());
    }

    private static Locale locale(String lang, ServerWebExchange exchange) {
        if (lang != null && !lang.isBlank()) {
            return Locale.forLanguageTag(lang);
        }
        Locale requested = exchange.getLocaleContext().getLocale();
        return requested == null ? Locale.forLanguageTag("vi") : requested;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, LocalDate day, String extension) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("bluezone-adoption-" + day + "." + extension).build().toString())
                .body(body);
    }
}
