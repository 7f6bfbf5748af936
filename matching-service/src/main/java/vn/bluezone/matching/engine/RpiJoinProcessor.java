package vn.bluezone.matching.engine;

import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.PublishedRpi;

/**
 * The symmetric join on RPI. Records of both inputs arrive keyed by RPI on the same partition; the
 * new one is stored, then matched against everything stored from the other side. So sightings
 * uploaded before or after the keys meet either way. Emits exposures keyed by the sighting device.
 */
final class RpiJoinProcessor<V> implements Processor<String, V, String, Exposure> {

    static final String STORE = "rpi-state";

    private final MatchingProperties properties;
    private final BiFunction<RpiState, V, RpiState> add;
    private final BiFunction<RpiState, V, Iterable<Match>> newMatches;
    private final ToIntFunction<V> interval;
    private final ToLongFunction<Record<String, V>> uploadedAt;
    private final boolean cleansStore;
    private ProcessorContext<String, Exposure> context;
    private KeyValueStore<String, RpiState> store;

    /** A sighting paired with a publication of the same RPI. */
    record Match(StoredSighting sighting, PublishedRpi publication) {
    }

    private RpiJoinProcessor(MatchingProperties properties, BiFunction<RpiState, V, RpiState> add,
            BiFunction<RpiState, V, Iterable<Match>> newMatches, ToIntFunction<V> interval,
            ToLongFunction<Record<String, V>> uploadedAt, boolean cleansStore) {
        this.properties = properties;
        this.add = add;
        this.newMatches = newMatches;
        this.interval = interval;
        this.uploadedAt = uploadedAt;
        this.cleansStore = cleansStore;
    }

    /** The sighting side; it also purges the shared store (one purge per task is enough). */
    static RpiJoinProcessor<StoredSighting> forSightings(MatchingProperties properties, RpiState.Caps overflow) {
        return new RpiJoinProcessor<>(properties, (state, sighting) -> state.withSighting(sighting,
                        properties.maxIntervalsPerDeviceAndRpi(), properties.maxSightingsPerRpi(), overflow),
                (state, sighting) -> state.publications().stream().map(p -> new Match(sighting, p)).toList(),
                StoredSighting::interval, Record::timestamp, true);
    }

    static RpiJoinProcessor<PublishedRpi> forPublications(MatchingProperties properties) {
        return new RpiJoinProcessor<>(properties, RpiState::withPublication,
                (state, publication) -> state.sightings().stream().map(s -> new Match(s, publication)).toList(),
                PublishedRpi::interval, record -> record.value().uploadedAtMillis(), false);
    }

    @Override
    public void init(ProcessorContext<String, Exposure> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        if (cleansStore) {
            // Sightings and published RPIs past the retention are deleted, so state stays bounded by it.
            RetentionSweep<RpiState> sweep = new RetentionSweep<>(store, properties.cleanupSliceSize(),
                    properties.cleanupInterval().toMillis(),
                    (state, now) -> state.withoutOlderThan(EnIntervals.startOfDay(properties.oldestLiveDay(now))));
            context.schedule(properties.cleanupSliceInterval(), PunctuationType.WALL_CLOCK_TIME, sweep::sweep);
        }
    }

    private int oldestLiveInterval() {
        return EnIntervals.startOfDay(properties.oldestLiveDay(context.currentSystemTimeMs()));
    }

    @Override
    public void process(Record<String, V> record) {
        if (interval.applyAsInt(record.value()) < oldestLiveInterval()) {
            return; // past the retention: never stored, never matched
        }
        String rpi = record.key();
        RpiState current = store.get(rpi);
        RpiState updated = add.apply(current == null ? RpiState.empty() : current, record.value());
        if (updated == null) {
            return; // already known: its matches were emitted when it first arrived
        }
        store.put(rpi, updated);
        for (Match match : newMatches.apply(current == null ? RpiState.empty() : current, record.value())) {
            if (matches(match)) {
                StoredSighting sighting = match.sighting();
                PublishedRpi publication = match.publication();
                ContactLevel level = publication.uploaderLevel().contactLevel();
                // Stamped with the upload that completed the contact: the latency is measured from it.
                context.forward(record.withKey(sighting.deviceId().toString()).withTimestamp(uploadedAt.applyAsLong(record))
                        .withValue(new Exposure(
                        sighting.deviceId(), publication.caseId(), level,
                        level == ContactLevel.F2 ? publication.uploaderDeviceId() : null,
                        rpi + ":" + sighting.interval(), sighting.interval(), properties.dayOf(sighting.interval()),
                        properties.weightedMinutes(sighting.durationSeconds(), sighting.attenuationDb()))));
            }
        }
    }

    private boolean matches(Match match) {
        return match.sighting().interval() >= oldestLiveInterval()
                && match.publication().interval() >= oldestLiveInterval()
                && Math.abs(match.sighting().interval() - match.publication().interval()) <= properties.intervalTolerance()
                && !match.publication().excludes(match.sighting().deviceId());
    }
}
