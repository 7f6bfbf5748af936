package vn.bluezone.notify.push;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import vn.bluezone.notify.push.PushOutbox.Claimed;

/**
 * Works off the push outbox: claims due pushes, sends one push per device (several queued alerts of a
 * device make one "check your alerts"), and settles each by its outcome: delivered and gone are removed,
 * with one statement per batch (gone also removes the channel), a failure is retried with exponential backoff and jitter but never
 * before the provider's Retry-After, and dropped after {@code max-attempts}. It runs on its own loop, so
 * neither the Kafka listener nor the phones' requests ever wait for a provider.
 */
@Component
public class PushDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);
    private static final int ROUNDS_AT_ONCE = 2;

    private final Map<String, PushSender> senders;
    private final PushOutbox outbox;
    private final PushChannels channels;
    private final PushProperties.Dispatch config;
    private final ExponentialBackOff backOff;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private final Clock clock;
    private volatile Disposable loop;

    PushDispatcher(PushSenders senders, PushOutbox outbox, PushChannels channels, PushProperties properties,
            MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.senders = senders.byChannel();
        this.outbox = outbox;
        this.channels = channels;
        this.config = properties.dispatch();
        this.backOff = new ExponentialBackOff(config.initialBackoff().toMillis(), 2.0);
        this.backOff.setMaxInterval(config.maxBackoff().toMillis());
        this.backOff.setJitter(config.jitter().toMillis());
        this.meters = meters;
        Gauge.builder("bluezone.push.pending", pending, AtomicLong::get)
                .description("Pushes queued in the outbox (all instances)").register(meters);
    }

    /** Something was queued: look now rather than at the next poll. */
    public void wakeUp() {
        wakeUps.tryEmitNext(Boolean.TRUE);
    }

    @Override
    public void start() {
        loop = Flux.merge(Flux.interval(Duration.ZERO, config.pollInterval()).map(tick -> Boolean.TRUE), wakeUps.asFlux())
                .onBackpressureLatest()
                // A round ends with its slowest push; a wake-up meanwhile starts a second round at once, which
                // claims what was queued since (the lease keeps it from the first round's pushes).
                .flatMap(tick -> drain().onErrorResume(failure -> {
                    log.warn("Push dispatch failed; retrying at the next poll", failure);
                    return Mono.empty();
                }), ROUNDS_AT_ONCE, 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = loop;
        return running != null && !running.isDisposed();
    }

    /** Claims and sends batches until fewer than a full batch is due. */
    private Mono<Void> drain() {
        return drainBatch()
                .expand(claimed -> claimed >= config.batchSize() ? drainBatch() : Mono.empty())
                .then(outbox.pending().doOnNext(pending::set))
                .then();
    }

    /** Sends a batch, then removes all its settled pushes with one statement. */
    private Mono<Integer> drainBatch() {
        return outbox.claim(config.batchSize(), config.lease()).collectList().flatMap(claimed -> {
            Map<UUID, List<Claimed>> byDevice = claimed.stream()
                    .collect(Collectors.groupingBy(Claimed::deviceId, LinkedHashMap::new, Collectors.toList()));
            return Flux.fromIterable(byDevice.values())
                    .flatMap(this::deliver, config.concurrency())
                    .collectList()
                    .flatMap(this::removeSettled)
                    .thenReturn(claimed.size());
        });
    }

    private Mono<Void> removeSettled(List<Settled> settled) {
        List<Long> ids = settled.stream().flatMap(done -> done.ids().stream()).toList();
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return outbox.remove(ids).doOnSuccess(done -> settled.forEach(push -> count(push.channel(), push.outcome())));
    }

    /** Pushes (of one device) that are done with, for good or bad; retried ones are not. */
    private record Settled(List<Long> ids, String channel, String outcome) {
    }

    private Mono<Settled> deliver(List<Claimed> pushes) {
        List<Long> ids = pushes.stream().map(Claimed::id).toList();
        PushTarget target = pushes.get(0).target();
        if (target == null) {
            return settle(ids, "none", "unregistered");
        }
        PushSender sender = senders.get(target.channel());
        if (sender == null) {
            return settle(ids, target.channel(), "unconfigured");
        }
        int attempts = pushes.stream().mapToInt(Claimed::attempts).max().orElse(1);
        Timer.Sample sending = Timer.start(meters);
        return sender.send(target).flatMap(outcome -> {
            sending.stop(Timer.builder("bluezone.push.send").tag("channel", target.channel())
                    .description("Push provider call latency").register(meters));
            if (outcome instanceof PushOutcome.Delivered) {
                Timer delay = Timer.builder("bluezone.push.delay").tag("channel", target.channel())
                        .description("Alert stored to push accepted by the provider").register(meters);
                pushes.forEach(push -> delay.record(Duration.between(push.queuedAt(), clock.instant())));
                return settle(ids, target.channel(), "delivered");
            }
            if (outcome instanceof PushOutcome.Gone) {
                return channels.removeGone(target).then(settle(ids, target.channel(), "gone"));
            }
            if (outcome instanceof PushOutcome.Rejected rejected) {
                log.warn("{} rejected a push for good: {}", target.channel(), rejected.reason());
                return settle(ids, target.channel(), "rejected");
            }
            return retry(ids, attempts, target.channel(), (PushOutcome.Retry) outcome);
        });
    }

    private Mono<Settled> retry(List<Long> ids, int attempts, String channel, PushOutcome.Retry retry) {
        if (attempts >= config.maxAttempts()) {
            log.warn("{} push dropped after {} attempts, last: {}", channel, attempts, retry.reason());
            return settle(ids, channel, "expired");
        }
        Duration delay = backOffAfter(attempts);
        if (retry.retryAfter() != null && retry.retryAfter().compareTo(delay) > 0) {
            delay = retry.retryAfter();
        }
        count(channel, "retried");
        return outbox.retryAfter(ids, delay).then(Mono.empty());
    }

    /** The backoff after the given number of failed attempts: initial × 2^(n-1), capped, ± jitter. */
    Duration backOffAfter(int attempts) {
        BackOffExecution execution = backOff.start();
        long millis = 0;
        for (int i = 0; i < attempts; i++) {
            millis = execution.nextBackOff();
        }
        return Duration.ofMillis(Math.max(0, millis));
    }

    private static Mono<Settled> settle(List<Long> ids, String channel, String outcome) {
        return Mono.just(new Settled(ids, channel, outcome));
    }

    private void count(String channel, String outcome) {
        outcomes.computeIfAbsent(channel + '/' + outcome,
                key -> Counter.builder("bluezone.push.deliveries").tags("channel", channel, "outcome", outcome)
                        .description("Pushes settled, by channel and outcome").register(meters)).increment();
    }
}
