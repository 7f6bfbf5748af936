package vn.bluezone.upload.adoption;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import vn.bluezone.protocol.api.SmartphoneUpload;
import vn.bluezone.protocol.provinces.AdministrativeUnits;
import vn.bluezone.upload.support.CsvUploads;

/**
 * Operators' smartphone figures per province, uploaded as CSV with the columns {@code provinceCode} and
 * {@code smartphones} (others, such as a name, are ignored). A file with any bad line is refused whole,
 * with every bad line named; a good one is stored as a new upload, never replacing an earlier one.
 */
@Component
class SmartphoneFigures {


    /** One line of the file; {@code line} counts the header as line 1. */
    record Line(int line, String provinceCode, long smartphones) {
    }

    private final DatabaseClient db;
    private final AdministrativeUnits units;
    private final Clock clock;

    SmartphoneFigures(DatabaseClient db, AdministrativeUnits units, Clock clock) {
        this.db = db;
        this.units = units;
        this.clock = clock;
    }

    /** The lines of a valid file; a 400 problem naming each bad line otherwise. */
    List<Line> parse(String csv) {
        List<String> errors = new ArrayList<>();
        Map<String, Line> lines = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> rows = CsvUploads.rows(csv)) {
            int line = 1;
            while (rows.hasNext()) {
                line++;
                Map<String, String> row = rows.next();
                if (!row.containsKey("provinceCode") || !row.containsKey("smartphones")) {
                    throw problem(List.of("line 1: the header must name the columns provinceCode and smartphones"));
                }
                String code = row.get("provinceCode").trim();
                String count = row.get("smartphones").trim().replace("_", "");
                if (units.find(code).isEmpty()) {
                    errors.add("line " + line + ": '" + code + "' is not a province code of the administrative units of "
                            + units.edition());
                } else if (!count.matches("\\d{1,12}")) {
                    errors.add("line " + line + ": smartphones must be a whole number, not '" + count + "'");
                } else if (lines.containsKey(code)) {
                    errors.add("line " + line + ": province " + code + " is already on line " + lines.get(code).line());
                } else {
                    lines.put(code, new Line(line, code, Long.parseLong(count)));
                }
            }
        } catch (JacksonException e) {
            errors.add("the file is not CSV with a header line");
        }
        if (errors.isEmpty() && lines.isEmpty()) {
            errors.add("the file has no figures");
        }
        if (!errors.isEmpty()) {
            throw problem(errors);
        }
        return List.copyOf(lines.values());
    }

    /** Stores the figures as a new upload (call inside the caller's transaction). */
    Mono<SmartphoneUpload> store(LocalDate asOf, List<Line> lines, String uploadedBy) {
        Instant now = clock.instant();
        return db.sql("INSERT INTO upload.smartphone_upload (as_of, uploaded_at, uploaded_by) VALUES (:d, :at, :by) RETURNING id")
                .bind("d", asOf).bind("at", now).bind("by", uploadedBy)
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(id -> db.sql("INSERT INTO upload.smartphone_count (upload_id, province_code, smartphones) "
                                + "SELECT :id, p, n FROM unnest(:codes::text[], :counts::bigint[]) AS f (p, n)")
                        .bind("id", id)
                        .bind("codes", lines.stream().map(Line::provinceCode).toArray(String[]::new))
                        .bind("counts", lines.stream().map(Line::smartphones).toArray(Long[]::new))
                        .then()
                        .thenReturn(new SmartphoneUpload(id, asOf, lines.size(),
                                lines.stream().mapToLong(Line::smartphones).sum(), now)));
    }

    private static ErrorResponseException problem(List<String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The smartphone figures were not stored: " + errors.size() + " bad line(s)");
        problem.setProperty("errors", errors);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
