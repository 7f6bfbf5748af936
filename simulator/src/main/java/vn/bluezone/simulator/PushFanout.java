package vn.bluezone.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.FcmStub;

/**
 * {@code simulate --push-fanout [--devices N] [--stub-port P] [--credentials-file F] [--gateway URL]
 * [--kafka K | --home DIR]}:
 * the push fan-out benchmark. Starts a local FCM (token exchange and HTTP v1 send, checked strictly) and
 * writes its service account file, waits for a gateway started with that FCM, registers N phones and their
 * FCM tokens through the gateway, then publishes one new F1 contact event per phone to Kafka at once (as a
 * large case would) and measures the pushes the local FCM accepts: rate and event-to-push latency.
 */
final class PushFanout {

    private final Options options;

    PushFanout(Options options) {
        this.options = options;
    }

    void run() throws Exception {
        int devices = options.integer("devices", 20_000);
        Path credentials = Path.of(options.text("credentials-file", ".bluezone/fcm-stub-service-account.json"));
        String gateway = options.text("gateway", "http://localhost:8080");
        try (FcmStub fcm = FcmStub.start(options.integer("stub-port", 9099))) {
            fcm.writeServiceAccount(credentials);
            System.out.printf("Local FCM at %s. Start the system with:%n  BLUEZONE_PUSH_FCM_BASE_URL=%s "
                    + "BLUEZONE_PUSH_FCM_CREDENTIALS_FILE=%s ./bluezone up --fresh%n", fcm.baseUrl(), fcm.baseUrl(),
                    credentials.toAbsolutePath());
            GatewayClient api = new GatewayClient(gateway, options.integer("concurrency", 32));
            awaitGateway(api);

            List<DeviceRegistered> phones = PollSetup.register(api, devices);
            List<CompletableFuture<GatewayClient.Answer>> registrations = new ArrayList<>();
            for (DeviceRegistered phone : phones) {
                registrations.add(api.put("/api/v1/devices/me/push", phone.deviceToken(),
                        Map.of("channel", "fcm", "token", pushToken(phone))));
            }
            long refused = registrations.stream().map(CompletableFuture::join).filter(answer -> answer.status() != 204).count();
            if (refused > 0) {
                throw new IllegalStateException(refused + " push registrations were refused");
            }
            System.out.printf("%d phones registered with FCM tokens; publishing %d new F1 contact events%n", devices, devices);

            Map<String, Instant> foundAt = new HashMap<>();
            Instant start = Instant.now();
            publish(phones, foundAt);
            Instant published = Instant.now();
            boolean all = fcm.awaitDelivered(devices, Duration.ofMinutes(options.integer("timeout-minutes", 10)));
            List<FcmStub.Message> delivered = fcm.delivered();
            Instant last = delivered.stream().map(FcmStub.Message::receivedAt).max(Instant::compareTo).orElse(start);
            List<Long> latencies = new ArrayList<>();
            for (FcmStub.Message message : delivered) {
                latencies.add(Duration.between(foundAt.get(message.token()), message.receivedAt()).toMillis());
            }
            double seconds = Duration.between(start, last).toMillis() / 1000.0;
            System.out.printf("Published %d events in %.1f s%n", devices, Duration.between(start, published).toMillis() / 1000.0);
            System.out.printf("Pushes accepted by the local FCM: %d of %d%s in %.1f s: %.0f pushes/s%n", delivered.size(),
                    devices, all ? "" : " (TIMED OUT)", seconds, delivered.size() / seconds);
            System.out.printf("Contact event -> push accepted: %s%n", Percentiles.describe(latencies));
            System.out.printf("Token exchanges: %d; wire-format violations: %d%n", fcm.tokenExchanges(), fcm.violations().size());
        }
    }

    private static String pushToken(DeviceRegistered phone) {
        return "fanout-" + phone.deviceId();
    }

    private void publish(List<DeviceRegistered> phones, Map<String, Instant> foundAt) throws Exception {
        Properties producer = new Properties();
        producer.put("bootstrap.servers", Objects.requireNonNull(MatchingBacklog.bootstrapServers(options),
                "--kafka HOST:PORT, or BLUEZONE_HOME of the local system"));
        producer.put("acks", "all");
        producer.put("linger.ms", "5");
        try (KafkaProducer<String, ContactFound> kafka = new KafkaProducer<>(producer, new StringSerializer(),
                new JsonSerde<>(ContactFound.class))) {
            UUID caseId = UUID.randomUUID();
            for (DeviceRegistered phone : phones) {
                Instant now = Instant.now();
                foundAt.put(pushToken(phone), now);
                kafka.send(new ProducerRecord<>(Topics.CONTACTS, phone.deviceId().toString(), new ContactFound(
                        UUID.randomUUID(), caseId, phone.deviceId(), ContactLevel.F1, null,
                        LocalDate.now(ZoneOffset.UTC).minusDays(1), 20.0, 0, now)));
            }
            kafka.flush();
        }
    }

    /** The system is up once a phone can register and set its push channel through the gateway. */
    private static void awaitGateway(GatewayClient api) throws InterruptedException {
        System.out.println("Waiting for the system...");
        while (true) {
            try {
                DeviceRegistered probe = PollSetup.register(api, 1).get(0);
                if (api.put("/api/v1/devices/me/push", probe.deviceToken(), Map.of("channel", "fcm", "token", "probe"))
                        .join().status() == 204) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
    }
}
