package vn.bluezone.notify.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.events.ContactFound;

/** Alerts per device, stored once per (device, case). */
@Component
public class AlertInbox {

    /** One stored alert. */
    public record StoredAlert(UUID alertId, UUID deviceId, UUID caseId, String level, LocalDate exposureDate,
            double weightedMinutes, Instant createdAt) {
    }

    private static final String COLUMNS = "id, device_id, case_id, level, exposure_date, weighted_minutes, created_at";

    private final DatabaseClient db;

    AlertInbox(DatabaseClient db) {
        this.db = db;
    }

    /** Stores the alert unless the device already has one for the case; true when it was new. */
    Mono<Boolean> store(ContactFound contact, Instant now) {
        return db.sql("INSERT INTO notify.alert (" + COLUMNS + ") VALUES (:id, :device, :case, :level, :day, :minutes, :at) "
                        + "ON CONFLICT (device_id, case_id) DO NOTHING")
                .bind("id", contact.contactId())
                .bind("device", contact.deviceId())
                .bind("case", contact.caseId())
                .bind("level", contact.level().name())
                .bind("day", contact.exposureDate())
                .bind("minutes", contact.weightedMinutes())
                .bind("at", now)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    Flux<StoredAlert> ofDevice(UUID deviceId) {
        return query("WHERE device_id = :id ORDER BY created_at", deviceId);
    }

    public Flux<StoredAlert> ofCase(UUID caseId) {
        return query("WHERE case_id = :id ORDER BY level, created_at", caseId);
    }

    private Flux<StoredAlert> query(String where, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM notify.alert " + where)
                .bind("id", id)
                .map(row -> new StoredAlert(row.get("id", UUID.class), row.get("device_id", UUID.class),
                        row.get("case_id", UUID.class), row.get("level", String.class),
                        row.get("exposure_date", LocalDate.class), row.get("weighted_minutes", Double.class),
                        row.get("created_at", Instant.class)))
                .all();
    }
}
