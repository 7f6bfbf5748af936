package vn.bluezone.support.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Deletes rows past their retention in slices, so no statement holds locks on many rows or runs for
 * long, and counts what each table lost ({@code bluezone_retention_deleted_total{table}}). A slice
 * statement deletes at most {@code :slice} rows older than {@code :cutoff} (and may roll them into
 * anonymous counts in the same statement) and returns how many it deleted as column {@code n}.
 */
public final class RetentionSweeper {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    /** Rows per statement. */
    public static final int SLICE = 5_000;

    private final DatabaseClient db;
    private final MeterRegistry meters;

    public RetentionSweeper(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        this.meters = meters;
    }

    /** Logs one pass's deletions per table (counts only), if it deleted anything. */
    public void report(Map<String, Long> deleted) {
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            log.info("Retention deleted {}", deleted);
        }
    }

    /** Runs {@code sliceStatement} until a slice comes back short; returns the rows deleted, counted under {@code table}. */
    public long sweep(String table, String sliceStatement, Object cutoff) {
        Counter deleted = Counter.builder("bluezone.retention.deleted").tag("table", table)
                .description("Rows deleted by the retention job").register(meters);
        long total = 0;
        long slice;
        do {
            Long n = db.sql(sliceStatement).bind("cutoff", cutoff).bind("slice", SLICE)
                    .map(row -> row.get("n", Long.class)).one().block(Duration.ofMinutes(1));
            slice = n == null ? 0 : n;
            deleted.increment(slice);
            total += slice;
        } while (slice == SLICE);
        return total;
    }

    /**
     * The common case: deletes the rows of {@code table} (schema-qualified, a constant, never input)
     * whose {@code column} is before the cutoff; the metric's tag is the table's name without schema.
     */
    public long deleteBefore(String table, String column, Object cutoff) {
        return sweep(table.substring(table.indexOf('.') + 1), "WITH gone AS (DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table
                + " WHERE " + column + " < :cutoff LIMIT :slice) RETURNING 1) SELECT count(*) AS n FROM gone", cutoff);
    }
}
