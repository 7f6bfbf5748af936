package vn.bluezone.upload.sightings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import vn.bluezone.upload.UploadProperties;

/**
 * Back-pressure: at most {@code max-sightings-in-flight} sightings of this instance wait for Kafka's
 * acknowledgement at once. A batch that does not fit is answered 503 with Retry-After at once, before
 * anything is sent, instead of queueing in the producer until the phone's request times out: under
 * saturation phones are told to come back, and what was accepted is never held up by what was not.
 */
@Component
class IngestLimit {

    private final Semaphore permits;
    private final Duration retryAfter;
    private final Counter refused;

    @Autowired
    IngestLimit(UploadProperties properties, MeterRegistry meters) {
        this(properties.maxSightingsInFlight(), properties.busyRetryAfter(), meters);
    }

    IngestLimit(int max, Duration retryAfter, MeterRegistry meters) {
        this.permits = new Semaphore(max);
        this.retryAfter = retryAfter;
        this.refused = Counter.builder("bluezone.sightings.busy")
                .description("Sighting batches answered 503 because the instance had its limit in flight").register(meters);
        Gauge.builder("bluezone.sightings.in_flight", permits, p -> max - p.availablePermits())
                .description("Sightings sent to Kafka and not yet acknowledged").register(meters);
    }

    /** Runs {@code send} holding {@code sightings} permits until it completes, fails or is cancelled; else 503. */
    <T> Mono<T> within(int sightings, Supplier<Mono<T>> send) {
        return Mono.defer(() -> {
            if (!permits.tryAcquire(sightings)) {
                refused.increment();
                return Mono.error(busy());
            }
            return send.get().doFinally(signal -> permits.release(sightings));
        });
    }

    private ErrorResponseException busy() {
        ErrorResponseException busy = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Too many sightings are being stored "
                        + "right now; nothing of this batch was stored. Retry after " + retryAfter.toSeconds() + " seconds."), null);
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
        return busy;
    }
}
