package vn.bluezone.matching.engine;

import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.crypto.Rpis;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;

/**
 * Expands a key upload into every RPI its keys broadcast from the case's infectious start on, keyed by
 * RPI, each stamped {@link #TAKEN_FIRST}. Of a task's input partitions Kafka Streams always processes
 * the record with the smallest timestamp next, and sightings carry their upload time: so published
 * RPIs overtake any backlog of sightings on their partition instead of queueing behind it. The keys'
 * upload time travels in the value, for the contact-finding latency.
 */
final class KeyExpansion implements Processor<String, DiagnosisKeysPublished, String, PublishedRpi> {

    /** The smallest valid record timestamp; the broker keeps it (message.timestamp.before.max.ms unlimited). */
    static final long TAKEN_FIRST = 0L;

    private ProcessorContext<String, PublishedRpi> context;

    @Override
    public void init(ProcessorContext<String, PublishedRpi> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, DiagnosisKeysPublished> record) {
        DiagnosisKeysPublished event = record.value();
        if (event == null || event.caseId() == null || event.uploaderDeviceId() == null || event.uploaderLevel() == null
                || event.keys() == null) {
            throw new IllegalArgumentException("A key upload event lacks a required field"); // to the dead letters
        }
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
                context.forward(new Record<>(Rpis.toKey(ids.get(i)), new PublishedRpi(event.caseId(),
                        event.uploaderDeviceId(), event.uploaderLevel(), excluded, first + i, record.timestamp()),
                        TAKEN_FIRST, record.headers()));
            }
        }
    }
}
