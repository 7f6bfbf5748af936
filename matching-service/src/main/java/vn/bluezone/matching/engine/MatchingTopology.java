package vn.bluezone.matching.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.PublishedRpiSerde;
import vn.bluezone.protocol.events.SightingSerde;
import vn.bluezone.protocol.events.Topics;

/**
 * sightings (by RPI) ─┐
 *                     ├─ join on RPI (state: rpi-state) ─ exposures (by device) ─ aggregate (state: exposures) ─ contacts
 * published RPIs (by RPI) ─┘
 */
public final class MatchingTopology {

    static final String EXPOSURES_BY_DEVICE = "exposures-by-device";

    private static final Serde<String> KEYS = Serdes.String();
    /** The smallest valid record timestamp. */
    private static final TimestampExtractor TAKEN_FIRST = (record, partitionTime) -> 0L;

    private final MatchingProperties properties;
    private final ContactsFound contactsFound;
    private final RpiState.Caps overflow;

    /** @param meters where contacts found and sightings turned away by the per-RPI caps are counted */
    public MatchingTopology(MatchingProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.contactsFound = new ContactsFound(meters);
        Counter deviceCap = overflow(meters, "device");
        Counter rpiCap = overflow(meters, "rpi");
        this.overflow = new RpiState.Caps() {
            @Override
            public void deviceCapReached() {
                deviceCap.increment();
            }

            @Override
            public void rpiCapReached() {
                rpiCap.increment();
            }
        };
    }

    private static Counter overflow(MeterRegistry meters, String cap) {
        return Counter.builder("bluezone.matching.rpi_overflow").tag("cap", cap)
                .description("Sightings turned away by the per-RPI caps").register(meters);
    }

    public void addTo(StreamsBuilder builder) {
        // Not cached: nearly every sighting is of an RPI not seen in the same commit interval, so a cache
        // only adds its own bookkeeping (it took half the engine's CPU under load: docs/performance.md).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RpiJoinProcessor.STORE),
                KEYS, new RpiStateSerde()));
        // Cached: one device's exposures to one case arrive together, and are written once per commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExposureAggregator.STORE),
                KEYS, new ExposureStateSerde()).withCachingEnabled());

        KStream<String, StoredSighting> sightings = builder
                .stream(Topics.SIGHTINGS, Consumed.with(KEYS, new SightingSerde()))
                .mapValues(StoredSighting::of);

        // Of a task's input partitions Kafka Streams always processes the record with the smallest
        // timestamp next, and sightings carry their upload time: read as timestamp 0, published RPIs
        // overtake any backlog of sightings on their partition instead of queueing behind it. (Only
        // Streams sees 0: on the topic they keep their send time, which its retention goes by.)
        KStream<String, PublishedRpi> publications = builder.stream(Topics.PUBLISHED_RPIS,
                Consumed.with(KEYS, new PublishedRpiSerde()).withTimestampExtractor(TAKEN_FIRST));

        KStream<String, Exposure> exposures = sightings
                .process(() -> RpiJoinProcessor.forSightings(properties, overflow), RpiJoinProcessor.STORE)
                .merge(publications.process(() -> RpiJoinProcessor.forPublications(properties), RpiJoinProcessor.STORE));

        exposures
                .repartition(Repartitioned.with(KEYS, new ExposureSerde())
                        .withName(EXPOSURES_BY_DEVICE)
                        .withNumberOfPartitions(properties.partitions()))
                .process(() -> new ExposureAggregator(properties, contactsFound), ExposureAggregator.STORE)
                .to(Topics.CONTACTS, Produced.with(KEYS, new JsonSerde<>(ContactFound.class)));
    }
}
