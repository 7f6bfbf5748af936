package vn.bluezone.notify.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.events.CaseEvent;
import vn.bluezone.protocol.events.CaseOpened;
import vn.bluezone.protocol.events.CodeRedeemed;
import vn.bluezone.protocol.events.Topics;

/**
 * The cases the upload-service opened and when their codes were first redeemed, each recorded once
 * (a redelivered event changes nothing).
 */
@Component
class KnownCases {

    private final DatabaseClient db;

    KnownCases(DatabaseClient db) {
        this.db = db;
    }

    @KafkaListener(topics = Topics.CASES, concurrency = "${bluezone.notify.case-listener-concurrency}")
    void onCaseEvent(CaseEvent event) {
        DatabaseClient.GenericExecuteSpec statement;
        if (event instanceof CaseOpened opened) {
            statement = db.sql("INSERT INTO notify.known_case (case_id, province_code, opened_at, test_date) "
                            + "VALUES (:c, :p, :at, :test) ON CONFLICT (case_id) DO NOTHING")
                    .bind("c", opened.caseId())
                    .bind("p", Parameter.fromOrEmpty(opened.provinceCode(), String.class))
                    .bind("at", opened.openedAt())
                    .bind("test", Parameter.fromOrEmpty(opened.testDate(), LocalDate.class));
        } else {
            CodeRedeemed redeemed = (CodeRedeemed) event; // the only other kind (sealed)
            statement = db.sql("INSERT INTO notify.case_redemption (case_id, redeemed_at) VALUES (:c, :at) "
                            + "ON CONFLICT (case_id) DO UPDATE SET redeemed_at = "
                            + "least(case_redemption.redeemed_at, EXCLUDED.redeemed_at)")
                    .bind("c", redeemed.caseId())
                    .bind("at", redeemed.redeemedAt());
        }
        statement.then().block(Duration.ofSeconds(30));
    }

    /** The case's province (empty optional: opened without one), or nothing for an unknown case. */
    Mono<Optional<String>> provinceOf(UUID caseId) {
        return db.sql("SELECT province_code FROM notify.known_case WHERE case_id = :c").bind("c", caseId)
                .map(row -> Optional.ofNullable(row.get("province_code", String.class))).one();
    }
}
