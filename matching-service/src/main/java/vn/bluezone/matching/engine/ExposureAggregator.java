package vn.bluezone.matching.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * Adds up a device's weighted minutes per case, level and local day (of {@code day-zone}) (for F2: per F1 it was near). The
 * first day to reach the threshold makes it an F1 (or F2) of the case, once; an F2 later reaching the
 * F1 threshold is upgraded. After an F1 alert the only further event is a correction of its
 * {@code firstExposureInterval} when an earlier exposure turns up late, so that the F1's own keys
 * count from when it really was exposed.
 */
final class ExposureAggregator implements Processor<String, Exposure, String, ContactFound> {

    static final String STORE = "exposures";

    private final MatchingProperties properties;
    private final ContactsFound contactsFound;
    private ProcessorContext<String, ContactFound> context;
    private KeyValueStore<String, ExposureState> store;

    ExposureAggregator(MatchingProperties properties, ContactsFound contactsFound) {
        this.properties = properties;
        this.contactsFound = contactsFound;
    }

    @Override
    public void init(ProcessorContext<String, ContactFound> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        // Exposures (and alerted pairs) whose last exposure is past the retention are forgotten.
        RetentionSweep<ExposureState> sweep = new RetentionSweep<>(store, properties.cleanupSliceSize(),
                properties.cleanupInterval().toMillis(),
                (state, now) -> state.lastExposureDay().isBefore(properties.oldestLiveDay(now)) ? null : state);
        context.schedule(properties.cleanupSliceInterval(), PunctuationType.WALL_CLOCK_TIME, sweep::sweep);
    }

    @Override
    public void process(Record<String, Exposure> record) {
        Exposure exposure = record.value();
        if (exposure.day().isBefore(properties.oldestLiveDay(context.currentSystemTimeMs()))) {
            return;
        }
        String key = exposure.deviceId() + "|" + exposure.caseId();
        ExposureState current = store.get(key);
        if (current == null) {
            current = ExposureState.empty();
        }
        if (!current.canBeChangedBy(exposure)) {
            return;
        }
        if (current.alertedLevel() == ContactLevel.F1) {
            ContactFound corrected = correctedStart(current.alert(), exposure.interval());
            store.put(key, current.alertedWith(corrected));
            context.forward(record.withValue(corrected));
            return;
        }
        ExposureState updated = current.with(exposure);
        double minutes = updated.minutesOn(exposure.day(), exposure.level(), exposure.viaDeviceId(),
                properties.maxMinutesPerRpi());
        if (minutes >= properties.f1ThresholdMinutes()) {
            ContactFound found = new ContactFound(contactId(exposure), exposure.caseId(), exposure.deviceId(),
                    exposure.level(), exposure.viaDeviceId(), exposure.day(), minutes,
                    updated.firstInterval(exposure.level()).orElse(exposure.interval()), Instant.now());
            store.put(key, updated.alertedWith(found));
            context.forward(record.withValue(found));
            contactsFound.found(exposure.level(), record.timestamp(), context.currentSystemTimeMs());
        } else {
            store.put(key, updated);
        }
    }

    private static ContactFound correctedStart(ContactFound alert, int firstExposureInterval) {
        return new ContactFound(alert.contactId(), alert.caseId(), alert.deviceId(), alert.level(), alert.viaDeviceId(),
                alert.exposureDate(), alert.weightedMinutes(), firstExposureInterval, Instant.now());
    }

    /** Stable per (device, case): consumers can use it as an idempotency key. */
    private static UUID contactId(Exposure exposure) {
        return UUID.nameUUIDFromBytes((exposure.deviceId() + "|" + exposure.caseId()).getBytes(StandardCharsets.UTF_8));
    }
}
