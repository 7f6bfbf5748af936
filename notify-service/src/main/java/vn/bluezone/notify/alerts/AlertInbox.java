package vn.bluezone.notify.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.events.ContactFound;

/** Alerts per device: one per (device, case), at the highest level found. */
@Component
public class AlertInbox {

    /** One stored alert. */
    public record StoredAlert(UUID alertId, UUID deviceId, UUID caseId, String level, UUID viaDeviceId,
            LocalDate exposureDate, double weightedMinutes, int firstExposureInterval, Instant createdAt,
            Instant deliveredAt) {
    }

    private static final String COLUMNS =
            "id, device_id, case_id, level, via_device_id, exposure_date, weighted_minutes, first_exposure_interval, created_at";
    private static final String READ_COLUMNS = COLUMNS + ", delivered_at";

    private final DatabaseClient db;

    AlertInbox(DatabaseClient db) {
        this.db = db;
    }

    /** What storing a contact event did: whether the alert changed, and whether a push was queued for it. */
    record Stored(boolean changed, boolean pushQueued) {
    }

    /**
     * Stores the alert; upgrades the device's F2 alert for the case to this F1 (with a new createdAt);
     * or moves an F1's first exposure earlier (nothing else changes, the phone sees a new upload token).
     * A redelivered or lower-level event changes nothing. A new or upgraded alert (createdAt = now) of a
     * device with a push channel queues one push in the same statement, so the two commit together.
     */
    Mono<Stored> store(ContactFound contact, Instant now) {
        String upgrade = "notify.alert.level = 'F2'";
        return db.sql("WITH changed AS (INSERT INTO notify.alert (" + COLUMNS + ") "
                        + "VALUES (:id, :device, :case, :level, :via, :day, :minutes, :first, :at) "
                        + "ON CONFLICT (device_id, case_id) DO UPDATE SET level = EXCLUDED.level, "
                        + "via_device_id = EXCLUDED.via_device_id, "
                        + "exposure_date = CASE WHEN " + upgrade + " THEN EXCLUDED.exposure_date ELSE notify.alert.exposure_date END, "
                        + "weighted_minutes = CASE WHEN " + upgrade + " THEN EXCLUDED.weighted_minutes ELSE notify.alert.weighted_minutes END, "
                        + "created_at = CASE WHEN " + upgrade + " THEN EXCLUDED.created_at ELSE notify.alert.created_at END, "
                        // An upgraded alert is news to the phone: it is delivered again.
                        + "delivered_at = CASE WHEN " + upgrade + " THEN NULL ELSE notify.alert.delivered_at END, "
                        + "first_exposure_interval = EXCLUDED.first_exposure_interval "
                        + "WHERE EXCLUDED.level = 'F1' AND (" + upgrade + " OR "
                        + "EXCLUDED.first_exposure_interval < notify.alert.first_exposure_interval) "
                        + "RETURNING id, device_id, level, created_at), "
                        + "queued AS (INSERT INTO notify.push_delivery (alert_id, level, device_id, due_at, created_at) "
                        + "SELECT changed.id, changed.level, changed.device_id, :at, :at FROM changed "
                        + "JOIN notify.push_channel ON push_channel.device_id = changed.device_id "
                        + "WHERE changed.created_at = :at ON CONFLICT DO NOTHING RETURNING 1) "
                        + "SELECT (SELECT count(*) FROM changed) AS changed, (SELECT count(*) FROM queued) AS queued")
                .bind("id", contact.contactId())
                .bind("device", contact.deviceId())
                .bind("case", contact.caseId())
                .bind("level", contact.level().name())
                .bind("via", Parameter.fromOrEmpty(contact.viaDeviceId(), UUID.class))
                .bind("day", contact.exposureDate())
                .bind("minutes", contact.weightedMinutes())
                .bind("first", contact.firstExposureInterval())
                .bind("at", now)
                .map(row -> new Stored(row.get("changed", Long.class) > 0, row.get("queued", Long.class) > 0))
                .one();
    }

    Flux<StoredAlert> ofDevice(UUID deviceId) {
        return query("WHERE device_id = :id ORDER BY created_at", deviceId);
    }

    public Flux<StoredAlert> ofCase(UUID caseId) {
        return query("WHERE case_id = :id ORDER BY level, created_at", caseId);
    }

    private Flux<StoredAlert> query(String where, UUID id) {
        return db.sql("SELECT " + READ_COLUMNS + " FROM notify.alert " + where)
                .bind("id", id)
                .map(row -> new StoredAlert(row.get("id", UUID.class), row.get("device_id", UUID.class),
                        row.get("case_id", UUID.class), row.get("level", String.class),
                        row.get("via_device_id", UUID.class), row.get("exposure_date", LocalDate.class),
                        row.get("weighted_minutes", Double.class), row.get("first_exposure_interval", Integer.class),
                        row.get("created_at", Instant.class), row.get("delivered_at", Instant.class)))
                .all();
    }

    /** The phone got these alerts (the officials' timeline); written once per alert, not per poll. */
    Mono<Void> delivered(UUID deviceId, Instant at) {
        return db.sql("UPDATE notify.alert SET delivered_at = :at WHERE device_id = :d AND delivered_at IS NULL")
                .bind("at", at).bind("d", deviceId).then();
    }
}
