package vn.bluezone.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;

/**
 * {@code simulate --poll-setup --kafka HOST:PORT [--devices N] [--alerted-percent P] [--tokens-file F]}:
 * registers N phones through the gateway, writes their device tokens one per line (for wrk), and gives
 * P% of them an F1 alert by publishing contact events, as the matching engine would. The tokens of the
 * phones with and without an alert also go to F.alerted and F.without-alerts, so each kind of poll can
 * be measured alone (polls of phones with alerts are the ones the gateway passes on).
 */
final class PollSetup {

    private final Options options;

    PollSetup(Options options) {
        this.options = options;
    }

    void run() throws IOException {
        int devices = options.integer("devices", 10_000);
        int alertedPercent = options.integer("alerted-percent", 1);
        Path tokensFile = Path.of(options.text("tokens-file", "poll-tokens.txt"));
        GatewayClient api = new GatewayClient(options.text("gateway", "http://localhost:8080"), options.integer("concurrency", 32));
        List<DeviceRegistered> registered = register(api, devices);
        Files.write(tokensFile, tokens(registered));

        Properties producer = new Properties();
        producer.put("bootstrap.servers", options.text("kafka", "localhost:9092"));
        producer.put("acks", "all");
        int alerted = devices * alertedPercent / 100;
        Set<DeviceRegistered> withAlerts = new LinkedHashSet<>();
        for (int i = 0; i < alerted; i++) {
            withAlerts.add(registered.get(i * devices / Math.max(1, alerted)));
        }
        Files.write(Path.of(tokensFile + ".alerted"), tokens(List.copyOf(withAlerts)));
        Files.write(Path.of(tokensFile + ".without-alerts"), tokens(registered.stream()
                .filter(phone -> !withAlerts.contains(phone)).toList()));
        try (KafkaProducer<String, ContactFound> kafka = new KafkaProducer<>(producer, new StringSerializer(),
                new JsonSerde<>(ContactFound.class))) {
            UUID caseId = UUID.randomUUID();
            for (DeviceRegistered phone : withAlerts) {
                UUID device = phone.deviceId();
                kafka.send(new ProducerRecord<>(Topics.CONTACTS, device.toString(), new ContactFound(UUID.randomUUID(),
                        caseId, device, ContactLevel.F1, null, LocalDate.now(ZoneOffset.UTC).minusDays(1), 20.0, 0,
                        Instant.now())));
            }
        }
        System.out.printf("%d device tokens in %s; %d of them (%d%%) have an alert%n", devices, tokensFile, alerted,
                alertedPercent);
    }

    private static List<String> tokens(List<DeviceRegistered> phones) {
        return phones.stream().map(DeviceRegistered::deviceToken).toList();
    }

    /** Registers phones through the gateway, as the app does on first start. */
    static List<DeviceRegistered> register(GatewayClient api, int devices) {
        List<CompletableFuture<DeviceRegistered>> registrations = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            registrations.add(api.post("/api/v1/devices", null, new DeviceRegistration("android", "01"))
                    .thenApply(answer -> answer.as(DeviceRegistered.class)));
        }
        return registrations.stream().map(CompletableFuture::join).toList();
    }
}
