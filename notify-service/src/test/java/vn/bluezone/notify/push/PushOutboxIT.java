package vn.bluezone.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import vn.bluezone.notify.push.PushOutbox.Claimed;
import vn.bluezone.testsupport.DatabaseCoordinates;
import vn.bluezone.testsupport.TestInfrastructure;

/**
 * Two notify-service instances sharing the outbox on a real PostgreSQL, one of which dies (it claims
 * and never settles): the lease is what makes delivery at least once.
 */
class PushOutboxIT {

    static DatabaseClient db;

    @BeforeAll
    static void migratedSchema() {
        DatabaseCoordinates coordinates = TestInfrastructure.get().database();
        Flyway.configure().dataSource(coordinates.jdbcUrl(), coordinates.username(), coordinates.password())
                .schemas("notify").defaultSchema("notify").load().migrate();
        db = DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(coordinates.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, coordinates.username())
                .option(ConnectionFactoryOptions.PASSWORD, coordinates.password())
                .build()));
    }

    @Test
    void aPushClaimedByAnInstanceThatDiedIsClaimedByAnotherAfterTheLeaseAndNeverBefore() throws Exception {
        PushOutbox dying = new PushOutbox(db);
        PushOutbox survivor = new PushOutbox(db);
        UUID device = UUID.randomUUID();
        db.sql("INSERT INTO notify.push_delivery (alert_id, level, device_id, due_at, created_at) "
                        + "VALUES (:alert, 'F1', :device, now(), now())")
                .bind("alert", UUID.randomUUID()).bind("device", device).then().block();

        assertThat(claimedFor(dying, device, Duration.ofSeconds(2))).singleElement()
                .satisfies(push -> assertThat(push.attempts()).isEqualTo(1));
        assertThat(claimedFor(survivor, device, Duration.ofSeconds(2))).as("leased to the other instance").isEmpty();

        Thread.sleep(2_500);
        List<Claimed> reclaimed = claimedFor(survivor, device, Duration.ofSeconds(2));
        assertThat(reclaimed).singleElement().satisfies(push -> assertThat(push.attempts()).isEqualTo(2));

        survivor.remove(reclaimed.stream().map(Claimed::id).toList()).block();
        Thread.sleep(2_500);
        assertThat(claimedFor(survivor, device, Duration.ofSeconds(2))).as("settled for good").isEmpty();
    }

    private static List<Claimed> claimedFor(PushOutbox outbox, UUID device, Duration lease) {
        return outbox.claim(1000, lease).filter(push -> push.deviceId().equals(device)).collectList().block();
    }
}
