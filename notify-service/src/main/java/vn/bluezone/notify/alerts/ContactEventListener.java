package vn.bluezone.notify.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.Topics;

/**
 * Turns contact events into alerts. The offset is committed only after the alert is stored, and a
 * redelivered event hits the (device, case) unique key: at-least-once delivery, exactly-once effect.
 * An F1 event for a device with an F2 alert upgrades it.
 */
@Component
class ContactEventListener {

    private final AlertInbox inbox;
    private final AlertIndex index;
    private final Clock clock;
    private final Counter created;
    private final Counter duplicates;

    ContactEventListener(AlertInbox inbox, AlertIndex index, MeterRegistry meters) {
        this.inbox = inbox;
        this.index = index;
        this.clock = Clock.systemUTC();
        this.created = meters.counter("bluezone.alerts.created");
        this.duplicates = meters.counter("bluezone.alerts.duplicates");
    }

    @KafkaListener(topics = Topics.CONTACTS)
    void onContact(ContactFound contact) {
        Boolean isNew = inbox.store(contact, clock.instant()).block(Duration.ofSeconds(30));
        index.add(contact.deviceId());
        (Boolean.TRUE.equals(isNew) ? created : duplicates).increment();
    }
}
