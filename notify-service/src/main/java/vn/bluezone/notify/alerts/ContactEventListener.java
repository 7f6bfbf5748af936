package vn.bluezone.notify.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.bluezone.notify.push.PushDispatcher;
import vn.bluezone.protocol.events.ContactFound;
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

    ContactEventListener(AlertInbox inbox, AlertIndex index, PushDispatcher pushes, MeterRegistry meters, Clock clock) {
        this.inbox = inbox;
        this.index = index;
        this.pushes = pushes;
        this.clock = clock;
        this.changed = Counter.builder("bluezone.alerts.stored")
                .description("Alerts stored, upgraded or corrected").register(meters);
        this.duplicates = Counter.builder("bluezone.alerts.duplicates")
                .description("Redelivered contact events that changed nothing").register(meters);
    }

    @KafkaListener(topics = Topics.CONTACTS)
    void onContact(ContactFound contact) {
        AlertInbox.Stored stored = inbox.store(contact, clock.instant()).block(Duration.ofSeconds(30));
        index.add(contact.deviceId());
        (stored.changed() ? changed : duplicates).increment();
        if (stored.pushQueued()) {
            pushes.wakeUp();
        }
    }
}
