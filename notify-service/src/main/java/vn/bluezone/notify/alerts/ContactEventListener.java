package vn.bluezone.notify.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import vn.bluezone.notify.push.PushDispatcher;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.ContactObjectives;
import vn.bluezone.protocol.events.Topics;

/**
 * Turns contact events into alerts. The offset is committed only after the alert is stored, and a
 * redelivered event hits the (device, case) unique key: at-least-once delivery, exactly-once effect.
 * While PostgreSQL is down the event is retried with backoff until it is stored; an unreadable or
 * incomplete event never gets here (see support.KafkaConfiguration): it goes to the dead-letter topic.
 * An F1 event for a device with an F2 alert upgrades it. A new or upgraded alert queues a push (sent
 * by the {@link PushDispatcher}, never on this thread: a slow provider cannot hold up the partition).
 */
@Component
class ContactEventListener {

    private final AlertInbox inbox;
    private final AlertIndex index;
    private final PushDispatcher pushes;
    private final Clock clock;
    private final Counter changed;
    private final Counter duplicates;
    private final Map<ContactLevel, Timer> delays = new EnumMap<>(ContactLevel.class);

    ContactEventListener(AlertInbox inbox, AlertIndex index, PushDispatcher pushes, MeterRegistry meters, Clock clock) {
        this.inbox = inbox;
        this.index = index;
        this.pushes = pushes;
        this.clock = clock;
        this.changed = Counter.builder("bluezone.alerts.stored")
                .description("Alerts stored, upgraded or corrected").register(meters);
        this.duplicates = Counter.builder("bluezone.alerts.duplicates")
                .description("Redelivered contact events that changed nothing").register(meters);
        for (ContactLevel level : new ContactLevel[] {ContactLevel.F1, ContactLevel.F2}) {
            delays.put(level, Timer.builder("bluezone.alerts.delay").tag("level", level.name())
                    .description("Upload that completed a contact → its alert stored, upgraded or corrected: visible to a poll")
                    .publishPercentileHistogram()
                    .serviceLevelObjectives(ContactObjectives.bounds())
                    .minimumExpectedValue(ContactObjectives.MINIMUM)
                    .maximumExpectedValue(ContactObjectives.MAXIMUM)
                    .register(meters));
        }
    }

    /**
     * @param uploadedAtMillis the event's timestamp: the matching engine stamps a contact with the upload
     *        that completed it (the keys, or a late sighting)
     */
    @KafkaListener(topics = Topics.CONTACTS)
    void onContact(ContactFound contact, @Header(KafkaHeaders.RECEIVED_TIMESTAMP) long uploadedAtMillis) {
        AlertInbox.Stored stored = inbox.store(contact, clock.instant()).block(Duration.ofSeconds(30));
        index.add(contact.deviceId());
        (stored.changed() ? changed : duplicates).increment();
        Timer delay = delays.get(contact.level());
        if (stored.changed() && delay != null) {
            delay.record(Math.max(0, clock.millis() - uploadedAtMillis), TimeUnit.MILLISECONDS);
        }
        if (stored.pushQueued()) {
            pushes.wakeUp();
        }
    }
}
