package vn.bluezone.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.ProducerPerformance;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.api.UploadAuthorization;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.Rpis;
import vn.bluezone.protocol.events.SightingRecorded;
import vn.bluezone.protocol.events.SightingSerde;
import vn.bluezone.protocol.events.Topics;

/**
 * {@code simulate --load --kafka HOST:PORT [--records N] [--batch B] [--rate R] [--concurrency C] [--probes P]
 * [--attempts A] [--max-wait-seconds S] [--deep-backlog D]}: sustained sightings ingest through the gateway,
 * measured to the point where the matching engine has consumed everything, while probes (chains of an F0,
 * an F1 and an F2 heard before the load) measure contact-finding latency, also on their own for the keys
 * uploaded while the engine had at least D (1,000,000) sightings still to process; then Kafka's own
 * producer performance tool writes the same number of records of the same size to the same broker as the
 * baseline. Busy answers are retried as a phone would;
 * the run always ends with its report.
 */
final class LoadTest {

    private static final Pattern PERF_TOTAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private final Options options;
    private final GatewayClient api;
    private final String kafka;
    private final Random random = new Random(11);

    LoadTest(Options options) {
        this.options = options;
        this.api = new GatewayClient(options.text("gateway", "http://localhost:8080"), options.integer("concurrency", 32));
        this.kafka = MatchingBacklog.bootstrapServers(options);
        if (kafka == null) {
            throw new IllegalArgumentException("--kafka HOST:PORT is required (./bluezone up prints it) unless BLUEZONE_HOME is the local system's");
        }
    }

    void run() throws Exception {
        int records = options.integer("records", 1_000_000);
        int batch = options.integer("batch", 1000);
        int attempts = options.integer("attempts", 10);
        Duration maxWait = Duration.ofSeconds(options.integer("max-wait-seconds", 900));
        List<Phone> phones = register(options.integer("devices", 200));
        List<List<SightingBatch.Sighting>> batches = batches(records, batch);
        String official = api.officialToken(options);
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka));
        try {
            // Contacts heard before the backlog: their sightings are in the join's state before it starts.
            List<Probe> prepared = prepareProbes(official, options.integer("probes", 40));
            MatchingBacklog.awaitConsumed(admin, MatchingBacklog.endOffsets(admin, Topics.SIGHTINGS), Instant.now().plus(maxWait));
            int recordSize = recordSize(batches.get(0));
            // The baseline before and after the load: on a shared machine one run of it can be far off.
            double kafkaBefore = producerPerformance(admin, records, recordSize);
            Map<TopicPartition, Long> before = MatchingBacklog.endOffsets(admin, Topics.SIGHTINGS);

            AtomicBoolean loading = new AtomicBoolean(true);
            ProbeResults probeResults = new ProbeResults();
            CompletableFuture<Void> probes = CompletableFuture.runAsync(() -> probe(prepared, loading, admin, probeResults));

            List<Long> requestMillis = Collections.synchronizedList(new ArrayList<>());
            LongAdder retried = new LongAdder();
            LongAdder failed = new LongAdder();
            LongAdder failedRecords = new LongAdder();
            int rate = options.integer("rate", 0); // records/s; 0 = as fast as the gateway takes them
            Instant start = Instant.now();
            List<CompletableFuture<Void>> uploads = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                if (rate > 0) {
                    long due = start.toEpochMilli() + (long) i * batch * 1000 / rate;
                    Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
                }
                Phone phone = phones.get(i % phones.size());
                Instant sent = Instant.now();
                int size = batches.get(i).size();
                uploads.add(api.postRetrying("/api/v1/sightings", phone.token, new SightingBatch(batches.get(i)), attempts,
                        retried).handle((answer, error) -> {
                            if (error == null && answer.status() == 202) {
                                requestMillis.add(Duration.between(sent, Instant.now()).toMillis());
                            } else {
                                failed.increment();
                                failedRecords.add(size);
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).join();
            Duration accepted = Duration.between(start, Instant.now());
            boolean consumed = MatchingBacklog.awaitConsumed(admin, MatchingBacklog.endOffsets(admin, Topics.SIGHTINGS), start.plus(maxWait));
            Duration processed = Duration.between(start, Instant.now());
            loading.set(false);
            probes.join();

            long written = MatchingBacklog.endOffsets(admin, Topics.SIGHTINGS).entrySet().stream()
                    .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
            long acceptedRecords = records - failedRecords.sum();
            double ingestRate = acceptedRecords / seconds(accepted);
            double endToEndRate = acceptedRecords / seconds(processed);
            System.out.printf("sightings: %d in %d requests of %d (record %d bytes: key and value); %d records landed in %s%n",
                    records, batches.size(), batch, recordSize, written, Topics.SIGHTINGS);
            System.out.printf("requests: %d accepted, %d failed after %d attempts (%d records), %d resent after a "
                    + "busy answer or a failure%n", batches.size() - failed.sum(), failed.sum(), attempts,
                    failedRecords.sum(), retried.sum());
            System.out.printf("gateway ingest (2xx = in Kafka): %.0f records/s over %.1f s; request latency %s%n",
                    ingestRate, seconds(accepted), Percentiles.describe(requestMillis));
            System.out.printf("end to end (gateway -> upload -> Kafka -> matching state): %.0f records/s over %.1f s%s%n",
                    endToEndRate, seconds(processed), consumed ? "" : " (NOT all processed within --max-wait-seconds)");
            probeResults.print(options.integer("deep-backlog", 1_000_000));

            double kafkaAfter = producerPerformance(admin, records, recordSize);
            // The better of the two: a disturbed baseline run must never flatter the ratio.
            double kafkaRate = Math.max(kafkaBefore, kafkaAfter);
            System.out.printf("baseline kafka ProducerPerformance (same broker, %d records of %d bytes, acks=all): %.0f "
                    + "records/s (before the load %.0f, after it %.0f)%n", records, recordSize, kafkaRate, kafkaBefore, kafkaAfter);
            System.out.printf("ratio end-to-end / kafka producer: %.3f; gateway ingest / kafka producer: %.3f%n",
                    endToEndRate / kafkaRate, ingestRate / kafkaRate);
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private List<Phone> register(int count) {
        List<Phone> phones = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Phone phone = new Phone(i);
            phones.add(phone);
            done.add(api.post("/api/v1/devices", null, new DeviceRegistration("android", "01")).thenAccept(answer -> {
                DeviceRegistered registered = answer.as(DeviceRegistered.class);
                phone.deviceId = registered.deviceId().toString();
                phone.token = registered.deviceToken();
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        return phones;
    }

    /** Random RPIs heard over the last day: what a busy city uploads, none of it matching. */
    private List<List<SightingBatch.Sighting>> batches(int records, int size) {
        int now = EnIntervals.of(Instant.now());
        List<List<SightingBatch.Sighting>> batches = new ArrayList<>();
        for (int done = 0; done < records; done += size) {
            List<SightingBatch.Sighting> batch = new ArrayList<>(size);
            for (int i = 0; i < Math.min(size, records - done); i++) {
                byte[] rpi = new byte[16];
                random.nextBytes(rpi);
                batch.add(new SightingBatch.Sighting(rpi, now - random.nextInt(144), 60 + random.nextInt(541),
                        40 + random.nextInt(50)));
            }
            batches.add(batch);
        }
        return batches;
    }

    /** Bytes of one sighting record as the upload-service writes it: the RPI key (hex) and the binary value. */
    private static int recordSize(List<SightingBatch.Sighting> sample) {
        SightingBatch.Sighting sighting = sample.get(0);
        return Rpis.toKey(sighting.rpi()).length() + new SightingSerde().serialize(Topics.SIGHTINGS,
                new SightingRecorded(UUID.randomUUID(), sighting.rpi(), sighting.interval(), sighting.durationSeconds(),
                        sighting.attenuationDb())).length;
    }

    /**
     * An F0, the F1 who heard it for 30 minutes and the F2 who then heard the F1 for 30 minutes, ready for
     * the F0 to publish its keys.
     */
    private record Probe(Phone f0, Phone f1, Phone f2, String uploadToken) {
    }

    /** Probes whose F1 and F2 sightings are uploaded and whose F0 holds an upload token (case, code, verify). */
    private List<Probe> prepareProbes(String official, int count) {
        List<Probe> probes = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            List<Phone> chain = register(3);
            int start = EnIntervals.of(Instant.now()) - 6;
            hears(chain.get(1), chain.get(0), start);
            hears(chain.get(2), chain.get(1), start + 3);
            CaseCreated created = api.post("/api/v1/official/cases", official,
                    new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "01")).join().as(CaseCreated.class);
            String token = api.post("/api/v1/verify", chain.get(0).token, new VerificationRequest(created.verificationCode()))
                    .join().as(UploadAuthorization.class).uploadToken();
            probes.add(new Probe(chain.get(0), chain.get(1), chain.get(2), token));
        }
        return probes;
    }

    /** The listener uploads that it heard the broadcaster, close, for three intervals from {@code start}. */
    private void hears(Phone listener, Phone broadcaster, int start) {
        List<SightingBatch.Sighting> heard = new ArrayList<>();
        for (int i = start; i < start + 3; i++) {
            heard.add(new SightingBatch.Sighting(broadcaster.rpi(i), i, 600, 50));
        }
        api.post("/api/v1/sightings", listener.token, new SightingBatch(heard)).join().requireStatus(202);
    }

    /** Keys uploaded → the next contact's alert visible, and the sightings the engine still had to process at the upload. */
    private record Hop(long millis, long backlog) {
    }

    /** What the probes measured: F0 keys → F1 alert, and F1 keys → F2 alert. */
    private record ProbeResults(List<Hop> f1, List<Hop> f2, LongAdder failures) {

        ProbeResults() {
            this(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                    new LongAdder());
        }

        void print(long deep) {
            System.out.println("contact-finding latency under load (sightings heard before the backlog; probes failed: "
                    + failures.sum() + ")");
            print("F0 keys uploaded -> F1 alert visible", f1, deep);
            print("F1 keys uploaded -> F2 alert visible", f2, deep);
        }

        private static void print(String hop, List<Hop> hops, long deep) {
            System.out.printf("  %s: %s; with at least %d sightings not yet processed at the upload: %s; deepest backlog "
                    + "at an upload: %d%n", hop, Percentiles.describe(hops.stream().map(Hop::millis).toList()), deep,
                    Percentiles.describe(hops.stream().filter(h -> h.backlog() >= deep).map(Hop::millis).toList()),
                    hops.stream().mapToLong(Hop::backlog).max().orElse(0));
        }
    }

    /** Every two seconds while loading, a prepared F0 publishes its keys, then its F1 when alerted. */
    private void probe(List<Probe> probes, AtomicBoolean loading, Admin admin, ProbeResults results) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Probe probe : probes) {
            if (!loading.get()) {
                break;
            }
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    AlertList.Alert f1Alert = uploadKeysUntilAlerted(probe.f0(), probe.uploadToken(), probe.f1(), admin, results.f1());
                    uploadKeysUntilAlerted(probe.f1(), f1Alert.uploadToken(), probe.f2(), admin, results.f2());
                } catch (RuntimeException e) {
                    results.failures().increment();
                    System.err.println("probe failed: " + e);
                }
            }));
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * The uploader publishes its keys with the token; the contact polls until its alert shows (a failed
     * poll is polled again, as a phone would). The hop is added to {@code hops}; the alert is returned.
     */
    private AlertList.Alert uploadKeysUntilAlerted(Phone uploader, String token, Phone contact, Admin admin, List<Hop> hops) {
        List<DiagnosisKeyUpload.Key> keys = uploader.keys().entrySet().stream()
                .map(e -> new DiagnosisKeyUpload.Key(e.getValue(), EnIntervals.startOfDay(e.getKey()), 144)).toList();
        api.post("/api/v1/diagnosis-keys", uploader.token, new DiagnosisKeyUpload(token, keys)).join().requireStatus(202);
        Instant uploaded = Instant.now();
        long backlog = backlog(admin);
        Instant giveUp = uploaded.plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(giveUp)) {
            Instant polled = Instant.now();
            try {
                GatewayClient.Answer answer = api.get("/api/v1/alerts", contact.token).join();
                List<AlertList.Alert> alerts = answer.status() == 200 ? answer.as(AlertList.class).alerts() : List.of();
                if (!alerts.isEmpty()) {
                    hops.add(new Hop(Duration.between(uploaded, Instant.now()).toMillis(), backlog));
                    return alerts.get(0);
                }
                Thread.sleep(100);
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                System.err.printf("poll failed after %d ms, polling again: %s%n",
                        Duration.between(polled, Instant.now()).toMillis(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("no alert 10 minutes after the keys");
    }

    private static long backlog(Admin admin) {
        try {
            return MatchingBacklog.behind(admin, Topics.SIGHTINGS);
        } catch (Exception e) {
            throw new IllegalStateException("the engine's backlog could not be read", e);
        }
    }

    /** Kafka's own tool, with the upload-service's producer settings, on a scratch topic like the sightings topic. */
    private double producerPerformance(Admin admin, int records, int recordSize) throws Exception {
        String topic = "bench.producer-performance." + UUID.randomUUID();
        int partitions = admin.describeTopics(List.of(Topics.SIGHTINGS)).allTopicNames().get()
                .get(Topics.SIGHTINGS).partitions().size();
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        awaitLeaders(admin, topic, partitions);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ProducerPerformance.main(new String[] {"--topic", topic, "--num-records", String.valueOf(records),
                    "--record-size", String.valueOf(recordSize), "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + kafka, "acks=all", "enable.idempotence=true", "linger.ms=5",
                    "batch.size=65536", "compression.type=lz4"});
        } finally {
            System.setOut(stdout);
            admin.deleteTopics(List.of(topic));
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher total = null;
        for (String line : output.split("\n")) {
            Matcher matcher = PERF_TOTAL.matcher(line);
            if (matcher.find() && line.contains("50th")) {
                total = matcher;
            }
        }
        if (total == null) {
            throw new IllegalStateException("No total line from ProducerPerformance:\n" + output);
        }
        return Double.parseDouble(total.group(2));
    }

    /**
     * Created is not yet writable: a producer that writes before the broker leads every partition gets
     * NOT_LEADER_OR_FOLLOWER, and its idempotent retries then loop on OUT_OF_ORDER_SEQUENCE_NUMBER
     * until the batches expire (seen after a load: 8,299 records/s). Listing the offsets goes to each
     * partition's leader, so it succeeds only once every partition is served.
     */
    private static void awaitLeaders(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        admin.listOffsets(latest).all().get();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
