package vn.bluezone.notify.cases;

import java.time.Duration;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.events.CaseOpened;
import vn.bluezone.protocol.events.Topics;

/** The cases the upload-service opened, recorded once each (a redelivered event changes nothing). */
@Component
class KnownCases {

    private final DatabaseClient db;

    KnownCases(DatabaseClient db) {
        this.db = db;
    }

    @KafkaListener(topics = Topics.CASES)
    void onCaseOpened(CaseOpened opened) {
        db.sql("INSERT INTO notify.known_case (case_id, province_code, opened_at) VALUES (:c, :p, :at) "
                        + "ON CONFLICT (case_id) DO NOTHING")
                .bind("c", opened.caseId())
                .bind("p", Parameter.fromOrEmpty(opened.provinceCode(), String.class))
                .bind("at", opened.openedAt())
                .then()
                .block(Duration.ofSeconds(30));
    }

    Mono<Boolean> exists(UUID caseId) {
        return db.sql("SELECT 1 FROM notify.known_case WHERE case_id = :c").bind("c", caseId)
                .map(row -> true).one().defaultIfEmpty(false);
    }
}
