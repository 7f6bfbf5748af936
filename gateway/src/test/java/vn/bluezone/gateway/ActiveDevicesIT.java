package vn.bluezone.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.bluezone.gateway.GatewayProperties.Activity;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.SettableClock;
import vn.bluezone.testsupport.TestInfrastructure;

/** The gateway's active-device events, sent to a real Kafka broker. */
class ActiveDevicesIT {

    private final String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    /** 23:59 on 10 March in Vietnam. */
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-10T16:59:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aDeviceIsSentOncePerVietnameseDayHoweverOftenItPollsWithItsProvince() {
        ActiveDevices devices = new ActiveDevices(new GatewayProperties(null, null, "http://upload", "http://notify", kafka,
                false, Map.of(), new Activity(10_000, 2, (short) 1, 1, ZoneId.of("Asia/Ho_Chi_Minh"))), meters, clock);
        UUID often = UUID.randomUUID();
        UUID once = UUID.randomUUID();
        devices.start();
        for (int i = 0; i < 50; i++) {
            devices.seen(often, "11");
        }
        devices.seen(once, null);
        clock.set(Instant.parse("2026-03-10T17:00:01Z")); // 00:00:01 on 11 March in Vietnam (UTC+7)
        devices.seen(often, "11");
        devices.seen(often, "11");
        devices.stop();

        List<DeviceActive> sent = new KafkaTopics(kafka).read(Topics.DEVICE_ACTIVITY, new JsonSerde<>(DeviceActive.class),
                        event -> Set.of(often, once).contains(event.deviceId()), 4, Duration.ofSeconds(5))
                .stream().map(ConsumerRecord::value).toList();
        assertThat(sent).containsExactlyInAnyOrder(
                new DeviceActive(often, LocalDate.parse("2026-03-10"), "11"),
                new DeviceActive(once, LocalDate.parse("2026-03-10"), null),
                new DeviceActive(often, LocalDate.parse("2026-03-11"), "11"));
        assertThat(meters.counter("bluezone.gateway.activity.events", "outcome", "sent").count()).isEqualTo(3);
    }
}
