package vn.bluezone.support;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a dependency that is briefly down (PostgreSQL restarting, a broker failing over, a pool
 * exhausted) from a request or event that is wrong. The first is answered 503 and retried; the
 * second never succeeds however often it is tried.
 */
public final class DependencyFailures {

    /** The dependency that failed. */
    public enum Dependency { DATABASE, KAFKA }

    private DependencyFailures() {
    }

    /** The dependency whose outage caused this failure (anywhere in its causes), if it was one. */
    public static Optional<Dependency> unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isDatabaseOutage(cause)) {
                return Optional.of(Dependency.DATABASE);
            }
            if (cause instanceof RetriableException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return Optional.of(Dependency.KAFKA);
            }
        }
        return Optional.empty();
    }

    private static boolean isDatabaseOutage(Throwable cause) {
        if (cause instanceof R2dbcException r2dbc && isOutageState(r2dbc.getSqlState())) {
            return true;
        }
        return cause instanceof R2dbcTransientException
                || cause instanceof R2dbcNonTransientResourceException
                || cause instanceof io.r2dbc.pool.ConnectionPoolException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof TimeoutException
                || cause instanceof IOException;
    }

    /** SQLSTATE classes 08 (connection), 53 (insufficient resources), 57 (shutdown, starting up). */
    private static boolean isOutageState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57"));
    }
}
