package vn.bluezone.upload.sightings;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class IngestLimitTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final IngestLimit limit = new IngestLimit(10_000, Duration.ofSeconds(2), meters);

    @Test
    void aBatchBeyondWhatIsInFlightIs503WithRetryAfterAndIsNeverSent() {
        Sinks.Empty<Void> kafkaAck = Sinks.empty();
        limit.within(8_000, kafkaAck::asMono).subscribe();
        AtomicInteger sent = new AtomicInteger();

        StepVerifier.create(limit.within(3_000, () -> {
            sent.incrementAndGet();
            return Mono.empty();
        })).expectErrorSatisfies(error -> {
            assertThat(error).isInstanceOf(ErrorResponseException.class);
            ErrorResponseException busy = (ErrorResponseException) error;
            assertThat(busy.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        }).verify();

        assertThat(sent).hasValue(0);
        assertThat(meters.counter("bluezone.sightings.busy").count()).isEqualTo(1);
        assertThat(meters.get("bluezone.sightings.in_flight").gauge().value()).isEqualTo(8_000);
    }

    @Test
    void permitsComeBackWhenTheSendCompletesFailsOrIsCancelled() {
        Sinks.Empty<Void> acked = Sinks.empty();
        limit.within(10_000, acked::asMono).subscribe();
        acked.tryEmitEmpty();
        StepVerifier.create(limit.within(10_000, () -> Mono.error(new IllegalStateException("Kafka down"))))
                .expectError(IllegalStateException.class).verify();
        Sinks.Empty<Void> never = Sinks.empty();
        limit.within(10_000, never::asMono).subscribe().dispose();

        StepVerifier.create(limit.within(10_000, () -> Mono.just("stored"))).expectNext("stored").verifyComplete();
        assertThat(meters.get("bluezone.sightings.in_flight").gauge().value()).isZero();
    }
}
