package vn.bluezone.notify.push;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The devices' push channels: one per device, the latest registered. */
@Component
class PushChannels {

    private final DatabaseClient db;

    PushChannels(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> register(PushTarget target, Instant now) {
        return db.sql("INSERT INTO notify.push_channel (device_id, channel, token, registered_at) "
                        + "VALUES (:device, :channel, :token, :at) ON CONFLICT (device_id) DO UPDATE SET "
                        + "channel = EXCLUDED.channel, token = EXCLUDED.token, registered_at = EXCLUDED.registered_at")
                .bind("device", target.deviceId())
                .bind("channel", target.channel())
                .bind("token", target.token())
                .bind("at", now)
                .then();
    }

    /** Removes the device's channel and any push still queued for it. */
    Mono<Void> remove(UUID deviceId) {
        return db.sql("WITH gone AS (DELETE FROM notify.push_channel WHERE device_id = :device) "
                        + "DELETE FROM notify.push_delivery WHERE device_id = :device")
                .bind("device", deviceId)
                .then();
    }

    /**
     * Removes a channel the provider reported gone, unless the device registered another token meanwhile.
     * True when it was removed.
     */
    Mono<Boolean> removeGone(PushTarget target) {
        return db.sql("DELETE FROM notify.push_channel WHERE device_id = :device AND token = :token")
                .bind("device", target.deviceId())
                .bind("token", target.token())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }
}
