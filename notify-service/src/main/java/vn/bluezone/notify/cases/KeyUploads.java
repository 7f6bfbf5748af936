package vn.bluezone.notify.cases;

import java.time.Duration;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import vn.bluezone.protocol.api.CaseSummary;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.Topics;

/** When each case's keys were published (by its F0 and its F1s), recorded once per upload. */
@Component
class KeyUploads {

    private final DatabaseClient db;

    KeyUploads(DatabaseClient db) {
        this.db = db;
    }

    @KafkaListener(topics = Topics.DIAGNOSIS_KEYS, concurrency = "${bluezone.notify.case-listener-concurrency}")
    void onKeys(DiagnosisKeysPublished keys) {
        db.sql("INSERT INTO notify.key_upload (upload_id, case_id, device_id, level, published_at) "
                        + "VALUES (:u, :c, :d, :l, :at) ON CONFLICT (upload_id) DO NOTHING")
                .bind("u", keys.uploadId())
                .bind("c", keys.caseId())
                .bind("d", keys.uploaderDeviceId())
                .bind("l", keys.uploaderLevel().name())
                .bind("at", keys.publishedAt())
                .then()
                .block(Duration.ofSeconds(30));
    }

    Flux<CaseSummary.KeyUpload> ofCase(UUID caseId) {
        return db.sql("SELECT device_id, level, published_at FROM notify.key_upload WHERE case_id = :c ORDER BY published_at")
                .bind("c", caseId)
                .map(row -> new CaseSummary.KeyUpload(row.get("device_id", UUID.class), row.get("level", String.class),
                        row.get("published_at", java.time.Instant.class)))
                .all();
    }
}
