package vn.bluezone.matching.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.crypto.Rpis;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.SightingRecorded;
import vn.bluezone.protocol.events.Topics;

/**
 * sightings (by RPI) ─┐
 *                     ├─ join on RPI (state: rpi-state) ─ exposures (by device) ─ aggregate (state: exposures) ─ contacts
 * keys ─ expand to RPIs (by RPI) ─┘
 */
public final class MatchingTopology {

    public static final String PUBLISHED_RPIS = "published-rpis";
    static final String EXPOSURES_BY_DEVICE = "exposures-by-device";

    private static final Serde<String> KEYS = Serdes.String();

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
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RpiJoinProcessor.STORE),
                KEYS, new JsonSerde<>(RpiState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExposureAggregator.STORE),
                KEYS, new JsonSerde<>(ExposureState.class)));

        KStream<String, StoredSighting> sightings = builder
                .stream(Topics.SIGHTINGS, Consumed.with(KEYS, new JsonSerde<>(SightingRecorded.class)))
                .mapValues(StoredSighting::of);

        KStream<String, PublishedRpi> publications = builder
                .stream(Topics.DIAGNOSIS_KEYS, Consumed.with(KEYS, new JsonSerde<>(DiagnosisKeysPublished.class)))
                .flatMap((caseId, event) -> expand(event))
                .repartition(Repartitioned.with(KEYS, new JsonSerde<>(PublishedRpi.class))
                        .withName(PUBLISHED_RPIS)
                        .withNumberOfPartitions(properties.partitions()));

        KStream<String, Exposure> exposures = sightings
                .process(() -> RpiJoinProcessor.forSightings(properties, overflow), RpiJoinProcessor.STORE)
                .merge(publications.process(() -> RpiJoinProcessor.forPublications(properties), RpiJoinProcessor.STORE));

        exposures
                .repartition(Repartitioned.with(KEYS, new JsonSerde<>(Exposure.class))
                        .withName(EXPOSURES_BY_DEVICE)
                        .withNumberOfPartitions(properties.partitions()))
                .process(() -> new ExposureAggregator(properties, contactsFound), ExposureAggregator.STORE)
                .to(Topics.CONTACTS, Produced.with(KEYS, new JsonSerde<>(ContactFound.class)));
    }

    /** Every RPI of the event's keys from the case's infectious start on, keyed by RPI. */
    static List<KeyValue<String, PublishedRpi>> expand(DiagnosisKeysPublished event) {
        if (event == null || event.caseId() == null || event.uploaderDeviceId() == null || event.uploaderLevel() == null
                || event.keys() == null) {
            throw new IllegalArgumentException("A key upload event lacks a required field"); // to the dead letters
        }
        List<KeyValue<String, PublishedRpi>> rpis = new ArrayList<>();
        List<UUID> excluded = event.excludedDeviceIds() == null ? List.of() : event.excludedDeviceIds();
        for (DiagnosisKeysPublished.Key key : event.keys()) {
            int first = Math.max(key.rollingStartInterval(), event.infectiousFromInterval());
            int end = key.rollingStartInterval() + key.rollingPeriod();
            if (first >= end) {
                continue;
            }
            List<byte[]> ids = ExposureCrypto.rollingProximityIdentifiers(
                    ExposureCrypto.rollingProximityIdentifierKey(key.key()), first, end - first);
            for (int i = 0; i < ids.size(); i++) {
                rpis.add(KeyValue.pair(Rpis.toKey(ids.get(i)), new PublishedRpi(event.caseId(),
                        event.uploaderDeviceId(), event.uploaderLevel(), excluded, first + i)));
            }
        }
        return rpis;
    }
}
