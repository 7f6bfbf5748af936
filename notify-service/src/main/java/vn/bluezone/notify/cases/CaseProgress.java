package vn.bluezone.notify.cases;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.CaseOverview;

/**
 * How far each case got, from what this service already holds (known cases, first redemptions, key
 * uploads, alerts): one query for a page of the case list, one for a case's timeline.
 */
@Component
class CaseProgress {

    static final int MAX_PAGE = 200;

    /** {@code provinces} null: every province (national callers only). Null filters do not filter. */
    record Query(Set<String> provinces, LocalDate testedFrom, LocalDate testedTo, CaseOverview.Status status,
            Instant before, int limit) {
    }

    /** The moments of a case's timeline that are not in the overview; null until they happen. */
    record Timeline(CaseOverview overview, Instant firstContactFoundAt, Instant lastContactFoundAt,
            Instant firstF1FoundAt, Instant firstAlertDeliveredAt) {
    }

    private static final String OVERVIEW = "SELECT k.case_id, k.province_code, k.test_date, k.opened_at, "
            + "r.redeemed_at, "
            + "(SELECT min(published_at) FROM notify.key_upload u WHERE u.case_id = k.case_id AND u.level = 'F0') AS keys_at, "
            + "(SELECT count(*) FROM notify.alert a WHERE a.case_id = k.case_id AND a.level = 'F1') AS f1, "
            + "(SELECT count(*) FROM notify.alert a WHERE a.case_id = k.case_id AND a.level = 'F2') AS f2 "
            + "FROM notify.known_case k LEFT JOIN notify.case_redemption r ON r.case_id = k.case_id ";
    private static final String STATUS = "CASE WHEN f1 > 0 THEN 'CONTACTS_FOUND' WHEN keys_at IS NOT NULL THEN 'KEYS_UPLOADED' "
            + "WHEN redeemed_at IS NOT NULL THEN 'CODE_REDEEMED' ELSE 'CODE_ISSUED' END";

    private final DatabaseClient db;

    CaseProgress(DatabaseClient db) {
        this.db = db;
    }

    Mono<CaseOverview.Page> list(Query query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> values = new TreeMap<>();
        if (query.provinces() != null) {
            where.add("k.province_code IN (:provinces)");
            values.put("provinces", List.copyOf(query.provinces()));
        }
        condition(where, values, "from", "k.test_date >= :from", query.testedFrom());
        condition(where, values, "to", "k.test_date <= :to", query.testedTo());
        condition(where, values, "before", "k.opened_at < :before", query.before());
        String sql = "SELECT *, " + STATUS + " AS status FROM (" + OVERVIEW
                + (where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where)) + ") c "
                + (query.status() == null ? "" : "WHERE " + STATUS + " = :status ")
                + "ORDER BY opened_at DESC LIMIT :limit";
        if (query.status() != null) {
            values.put("status", query.status().name());
        }
        DatabaseClient.GenericExecuteSpec statement = db.sql(sql).bind("limit", query.limit() + 1);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            statement = statement.bind(value.getKey(), value.getValue());
        }
        int limit = query.limit();
        return statement.map(CaseProgress::overview).all().collectList()
                .map(cases -> cases.size() > limit
                        ? new CaseOverview.Page(cases.subList(0, limit), cases.get(limit - 1).openedAt())
                        : new CaseOverview.Page(cases, null));
    }

    /** Empty for an unknown case. */
    Mono<Timeline> timeline(UUID caseId) {
        return db.sql("SELECT *, " + STATUS + " AS status, "
                        + "(SELECT min(created_at) FROM notify.alert a WHERE a.case_id = c.case_id) AS first_contact, "
                        + "(SELECT max(created_at) FROM notify.alert a WHERE a.case_id = c.case_id) AS last_contact, "
                        + "(SELECT min(created_at) FROM notify.alert a WHERE a.case_id = c.case_id AND a.level = 'F1') AS first_f1, "
                        + "(SELECT min(delivered_at) FROM notify.alert a WHERE a.case_id = c.case_id) AS first_delivered "
                        + "FROM (" + OVERVIEW + "WHERE k.case_id = :c) c")
                .bind("c", caseId)
                .map(row -> new Timeline(overview(row), row.get("first_contact", Instant.class),
                        row.get("last_contact", Instant.class), row.get("first_f1", Instant.class),
                        row.get("first_delivered", Instant.class)))
                .one();
    }

    private static CaseOverview overview(Readable row) {
        return new CaseOverview(row.get("case_id", UUID.class), row.get("province_code", String.class),
                row.get("test_date", LocalDate.class), row.get("opened_at", Instant.class),
                CaseOverview.Status.valueOf(row.get("status", String.class)), row.get("redeemed_at", Instant.class),
                row.get("keys_at", Instant.class), row.get("f1", Long.class), row.get("f2", Long.class));
    }

    private static void condition(List<String> where, Map<String, Object> values, String name, String sql, Object value) {
        if (value != null) {
            where.add(sql);
            values.put(name, value);
        }
    }
}
