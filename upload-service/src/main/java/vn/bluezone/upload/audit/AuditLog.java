package vn.bluezone.upload.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.AuditEvent;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.Principal;

/**
 * Records who did what to which case or account, when and from where. Callers write the entry in the
 * transaction of the action, so an action is never without its entry, nor an entry without its action.
 */
@Component
public class AuditLog {

    /** What was done; stored as its {@link #key()}. */
    public enum Action {
        CASE_CREATED, CASE_CODE_ISSUED, CASE_CODES_EXPIRED,
        ACCOUNT_CREATED, ACCOUNT_UPDATED, ACCOUNT_DISABLED, ACCOUNT_ENABLED, ACCOUNT_LOGGED_IN,
        SMARTPHONES_UPLOADED;

        public String key() {
            return name().toLowerCase().replace('_', '.');
        }
    }

    static final int MAX_PAGE = 500;

    private final DatabaseClient db;
    private final Clock clock;

    AuditLog(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param request where the client address comes from (the gateway's {@link GatewayHeaders#CLIENT_ADDRESS})
     * @param detail  what changed, in words; never a password, code or token
     */
    public Mono<Void> record(String actor, ServerHttpRequest request, Action action, String target, String provinceCode,
            String detail) {
        String address = request.getHeaders().getFirst(GatewayHeaders.CLIENT_ADDRESS);
        return db.sql("INSERT INTO upload.audit_event (at, actor, client_address, action, target, province_code, detail) "
                        + "VALUES (:at, :actor, :address, :action, :target, :province, :detail)")
                .bind("at", clock.instant())
                .bind("actor", actor)
                .bind("address", address == null ? "unknown" : address)
                .bind("action", action.key())
                .bind("target", target)
                .bind("province", Parameter.fromOrEmpty(provinceCode, String.class))
                .bind("detail", Parameter.fromOrEmpty(detail, String.class))
                .then();
    }

    public Mono<Void> record(Principal actor, ServerHttpRequest request, Action action, String target,
            String provinceCode, String detail) {
        return record(actor.subject(), request, action, target, provinceCode, detail);
    }

    /** Filters of a search; null ones do not filter. {@code before}: only entries with a smaller id (paging). */
    record Query(String actor, String target, String action, Instant from, Instant to, Long before, int limit) {
    }

    Mono<AuditEvent.Page> search(Query query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> values = new TreeMap<>();
        condition(where, values, "actor", "actor = :actor", query.actor());
        condition(where, values, "target", "target = :target", query.target());
        condition(where, values, "action", "action = :action", query.action());
        condition(where, values, "from", "at >= :from", query.from());
        condition(where, values, "to", "at < :to", query.to());
        condition(where, values, "before", "id < :before", query.before());
        int limit = query.limit();
        DatabaseClient.GenericExecuteSpec sql = db.sql("SELECT * FROM upload.audit_event "
                + (where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where)) + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit + 1);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            sql = sql.bind(value.getKey(), value.getValue());
        }
        return sql.map(row -> new AuditEvent(row.get("id", Long.class), row.get("at", Instant.class),
                        row.get("actor", String.class), row.get("client_address", String.class),
                        row.get("action", String.class), row.get("target", String.class),
                        row.get("province_code", String.class), row.get("detail", String.class)))
                .all()
                .collectList()
                .map(events -> events.size() > limit
                        ? new AuditEvent.Page(events.subList(0, limit), events.get(limit - 1).id())
                        : new AuditEvent.Page(events, null));
    }

    private static void condition(List<String> where, Map<String, Object> values, String name, String sql, Object value) {
        if (value != null && !"".equals(value)) {
            where.add(sql);
            values.put(name, value);
        }
    }
}
