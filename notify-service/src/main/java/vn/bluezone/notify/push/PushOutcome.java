package vn.bluezone.notify.push;

import java.time.Duration;

/** What a provider made of one push. */
sealed interface PushOutcome {

    /** Accepted by the provider. */
    record Delivered() implements PushOutcome {
    }

    /** The provider says the token no longer exists: the channel is removed. */
    record Gone(String reason) implements PushOutcome {
    }

    /** Refused for good (a malformed token, say): not retried. */
    record Rejected(String reason) implements PushOutcome {
    }

    /** Failed for now (5xx, 429, timeout, connection): retried later, not before {@code retryAfter} if given. */
    record Retry(String reason, Duration retryAfter) implements PushOutcome {
    }

    /** The usual reading of a provider's HTTP status, where it has no more precise error code. */
    static PushOutcome ofHttpStatus(int status, String reason, Duration retryAfter) {
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        if (status == 404 || status == 410) {
            return new Gone(reason);
        }
        if (status == 401 || status == 408 || status == 429 || status >= 500) {
            return new Retry(reason, retryAfter);
        }
        return new Rejected(reason);
    }
}
