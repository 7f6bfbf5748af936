package vn.bluezone.upload.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends events and completes only when Kafka acknowledged every one of them (acks=all,
 * idempotent producer): a request answers 2xx only after this completes.
 */
@Component
public class EventPublisher {

    /** One keyed event for a topic. */
    public record Event(String topic, String key, Object value) {
    }

    private final KafkaTemplate<String, Object> kafka;

    EventPublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    public Mono<Void> publishAll(List<Event> events) {
        // send() may block on metadata (bounded by max.block.ms): keep it off the event loop.
        return Mono.fromCallable(() -> CompletableFuture.allOf(events.stream()
                        .map(event -> kafka.send(event.topic(), event.key(), event.value()))
                        .toArray(CompletableFuture[]::new)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::fromFuture);
    }
}
