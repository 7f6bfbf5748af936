package vn.bluezone.matching.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.ContactObjectives;

/**
 * Contacts found per level, and how long after the upload that completed each one (the keys, or a
 * sighting arriving after them) it was found: the matching half of the "alert within seconds of the keys"
 * objective (docs/operations.md#objectives). Kafka Streams carries the upload's record timestamp through
 * both repartitions, so the difference to the wall clock is the time spent queued and processed.
 */
final class ContactsFound {

    private final Map<ContactLevel, Counter> counts = new EnumMap<>(ContactLevel.class);
    private final Map<ContactLevel, Timer> latencies = new EnumMap<>(ContactLevel.class);

    ContactsFound(MeterRegistry meters) {
        for (ContactLevel level : new ContactLevel[] { ContactLevel.F1, ContactLevel.F2 }) {
            counts.put(level, Counter.builder("bluezone.contacts.found").tag("level", level.name())
                    .description("Contacts found (an F2 upgraded to F1 counts again, as F1)").register(meters));
            latencies.put(level, Timer.builder("bluezone.contacts.latency").tag("level", level.name())
                    .description("Upload that completed a contact → contact found")
                    .publishPercentileHistogram()
                    .serviceLevelObjectives(ContactObjectives.bounds())
                    .minimumExpectedValue(ContactObjectives.MINIMUM)
                    .maximumExpectedValue(ContactObjectives.MAXIMUM)
                    .register(meters));
        }
    }

    void found(ContactLevel level, long uploadedAtMillis, long nowMillis) {
        counts.get(level).increment();
        latencies.get(level).record(Math.max(0, nowMillis - uploadedAtMillis), TimeUnit.MILLISECONDS);
    }
}
