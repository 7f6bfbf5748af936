package vn.bluezone.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.api.CaseContacts;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.api.UploadAuthorization;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.events.Topics;

/**
 * {@code simulate}: a city of phones lives {@code --days} days, uploads what it heard, then
 * {@code --cases} phones test positive. Everything goes through the public API; the result is
 * compared with the ground truth, and alert latencies are measured from the phones' side.
 */
final class Scenario {

    private static final String[] PROVINCES = {"01", "79", "48", "31", "92"};

    private final Options options;
    private final GatewayClient api;
    private final Random random;
    private final List<Phone> phones = new ArrayList<>();
    /** First time a phone saw an alert at a level: "deviceId|level|alertId" → when. */
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<Phone, Instant> f1KeysUploadedAt = new ConcurrentHashMap<>();
    /** Grants an F1 published its keys with (one publication each). */
    private final Set<String> f1Uploads = ConcurrentHashMap.newKeySet();
    /** Polls that failed (5xx, timeout): a phone just polls again later; reported, not fatal. */
    private final LongAdder failedPolls = new LongAdder();
    private final LongAdder polls = new LongAdder();
    /** Runs the phones' background polls and the polls a push asks for. */
    private final ScheduledExecutorService phoneClock = Executors.newSingleThreadScheduledExecutor();

    Scenario(Options options) {
        this.options = options;
        this.api = new GatewayClient(options.text("gateway", "http://localhost:8080"), options.integer("concurrency", 32));
        this.random = new Random(options.integer("seed", 7));
    }

    /** With the broker (--kafka, or the local system's), the run waits for the engine where it must. */
    void run() throws Exception {
        String kafka = MatchingBacklog.bootstrapServers(options);
        try (Admin admin = kafka == null ? null : Admin.create(Map.of("bootstrap.servers", kafka));
                PushInbox push = new PushInbox(index -> poll(phones.get(index), true), phoneClock)) {
            run(admin, push);
        } finally {
            phoneClock.shutdownNow();
        }
    }

    private void run(Admin admin, PushInbox push) throws Exception {
        int deviceCount = options.integer("devices", 2000);
        int days = options.integer("days", 3);
        int caseCount = options.integer("cases", 5);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate firstDay = today.minusDays(days);

        Instant started = Instant.now();
        String official = api.officialToken(options);
        register(deviceCount);
        boolean pushed = registerPush(push);
        City city = new City(phones, random);
        long sightings = 0;
        for (int d = 0; d < days; d++) {
            sightings += city.live(firstDay.plusDays(d));
        }
        Instant uploadStart = Instant.now();
        uploadSightings();
        double uploadSeconds = Duration.between(uploadStart, Instant.now()).toMillis() / 1000.0;
        System.out.printf("city: %d phones, %d days, %d sightings uploaded in %.1f s (%.0f sightings/s through the gateway)%n",
                deviceCount, days, sightings, uploadSeconds, sightings / uploadSeconds);
        awaitMatchingEngine(admin, uploadStart, sightings);

        // Symptoms began two days into the simulation: the whole simulated period is infectious.
        LocalDate onset = firstDay.plusDays(2);
        int infectiousFrom = EnIntervals.startOfDay(firstDay);
        List<Phone> f0s = new ArrayList<>();
        Set<Integer> chosen = new HashSet<>();
        while (f0s.size() < caseCount) {
            int index = random.nextInt(phones.size());
            if (chosen.add(index)) {
                f0s.add(phones.get(index));
            }
        }
        // The oracle's work is done before the first case, so it takes no CPU from the system while it finds contacts.
        Map<Phone, GroundTruth.CaseTruth> truthOf = new HashMap<>();
        f0s.forEach(f0 -> truthOf.put(f0, GroundTruth.of(f0, infectiousFrom, phones)));
        Map<UUID, GroundTruth.CaseTruth> truths = new HashMap<>();
        Map<UUID, Instant> keysUploadedAt = new HashMap<>();
        for (Phone f0 : f0s) {
            CaseCreated created = api.post("/api/v1/official/cases", official,
                    new CaseRegistration(today, onset, PROVINCES[f0.index % PROVINCES.length])).join().as(CaseCreated.class);
            truths.put(created.caseId(), truthOf.get(f0));
            String token = api.post("/api/v1/verify", f0.token, new VerificationRequest(created.verificationCode()))
                    .join().as(UploadAuthorization.class).uploadToken();
            uploadKeys(f0, token, infectiousFrom).join();
            keysUploadedAt.put(created.caseId(), Instant.now());
        }

        boolean contactsExpected = truths.values().stream().anyMatch(truth -> !truth.f1FirstExposure().isEmpty());
        int pollSeconds = options.integer("poll-seconds", 30);
        // Without pushes a phone learns of its alert only at its next poll: the quiet period must cover one.
        Duration quiet = Duration.ofSeconds(options.integer("settle-seconds", pushed ? 20 : pollSeconds + 5));
        pollUntilSettled(Duration.ofSeconds(pollSeconds), quiet, Duration.ofSeconds(options.integer("timeout-seconds", 600)),
                contactsExpected, admin);
        report(truths, keysUploadedAt, official, push, pollSeconds);
        System.out.printf("total %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    }

    /**
     * In a real city sightings are uploaded over days and a case is confirmed later; here days of
     * sightings arrive in seconds. So the cases are confirmed once the engine has taken them all in, and
     * the latencies measure contact finding, not this backlog (reported on its own). Skipped with
     * --cases-during-backlog, or when the broker is unknown (no --kafka and no local system's BLUEZONE_HOME).
     */
    private void awaitMatchingEngine(Admin admin, Instant uploadStart, long sightings) throws Exception {
        if (options.flag("cases-during-backlog") || admin == null) {
            System.out.println("matching: cases confirmed without waiting for the engine to take in the sightings");
            return;
        }
        boolean consumed = MatchingBacklog.awaitConsumed(admin, MatchingBacklog.endOffsets(admin, Topics.SIGHTINGS),
                Instant.now().plusSeconds(options.integer("timeout-seconds", 600)));
        double seconds = Duration.between(uploadStart, Instant.now()).toMillis() / 1000.0;
        System.out.printf("matching: %s sightings in the engine %.1f s after the upload began (%.0f sightings/s)%n",
                consumed ? "all" : "NOT all", seconds, sightings / seconds);
    }

    private void register(int count) {
        List<CompletableFuture<Void>> registrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Phone phone = new Phone(i);
            phones.add(phone);
            String platform = i % 10 < 6 ? "android" : i % 10 < 9 ? "ios" : "web";
            registrations.add(api.post("/api/v1/devices", null,
                            new DeviceRegistration(platform, PROVINCES[i % PROVINCES.length]))
                    .thenAccept(answer -> {
                        DeviceRegistered registered = answer.as(DeviceRegistered.class);
                        phone.deviceId = registered.deviceId().toString();
                        phone.token = registered.deviceToken();
                    }));
        }
        CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Every phone registers a Web Push subscription on the city's push service, as the app registers its
     * FCM, APNs or Web Push channel. Only when the system sends Web Push (./bluezone up turns it on for
     * 127.0.0.1); otherwise the phones learn of alerts by polling alone.
     */
    private boolean registerPush(PushInbox push) {
        if (options.flag("no-push") || api.get("/api/v1/devices/me/push/webpush-key", phones.get(0).token).join().status() != 200) {
            System.out.println("push: off (Web Push not enabled, or --no-push): phones learn of alerts only by polling");
            return false;
        }
        List<CompletableFuture<GatewayClient.Answer>> registrations = new ArrayList<>();
        for (Phone phone : phones) {
            registrations.add(api.put("/api/v1/devices/me/push", phone.token, push.registration(phone)));
        }
        for (CompletableFuture<GatewayClient.Answer> registration : registrations) {
            registration.join().requireStatus(204);
        }
        return true;
    }

    private void uploadSightings() {
        List<CompletableFuture<GatewayClient.Answer>> uploads = new ArrayList<>();
        for (Phone phone : phones) {
            List<SightingBatch.Sighting> all = phone.heard.stream().map(Phone.Heard::sighting).toList();
            for (int from = 0; from < all.size(); from += SightingBatch.MAX_SIGHTINGS) {
                List<SightingBatch.Sighting> batch = all.subList(from, Math.min(all.size(), from + SightingBatch.MAX_SIGHTINGS));
                uploads.add(api.post("/api/v1/sightings", phone.token, new SightingBatch(batch)).thenApply(answer -> {
                    if (answer.status() != 202) {
                        throw new IllegalStateException("Sightings refused: HTTP " + answer.status() + " " + answer.body());
                    }
                    return answer;
                }));
            }
        }
        CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<GatewayClient.Answer> uploadKeys(Phone phone, String token, int from) {
        List<DiagnosisKeyUpload.Key> keys = phone.keys().entrySet().stream()
                .filter(entry -> EnIntervals.startOfDay(entry.getKey()) + EnIntervals.INTERVALS_PER_DAY > from)
                .map(entry -> new DiagnosisKeyUpload.Key(entry.getValue(), EnIntervals.startOfDay(entry.getKey()), 144))
                .toList();
        return api.post("/api/v1/diagnosis-keys", phone.token, new DiagnosisKeyUpload(token, keys))
                .thenApply(answer -> {
                    if (answer.status() != 202) {
                        throw new IllegalStateException("Keys refused: HTTP " + answer.status() + " " + answer.body());
                    }
                    return answer;
                });
    }


    /**
     * Every phone polls every {@code pollEvery} from a random start, and at once on a push, like the app;
     * F1s publish their keys as soon as their alert allows. Ends once alerts have started, nothing
     * changed for {@code quiet}, and (when the broker is known) the engine and the notify-service have
     * taken in everything written: F2s come only after the F1s' keys went through the engine, which can
     * take longer than {@code quiet}. Without any expected contact, ends after {@code quiet}.
     * {@code admin} is null when the broker is unknown.
     */
    private void pollUntilSettled(Duration pollEvery, Duration quiet, Duration timeout, boolean contactsExpected, Admin admin)
            throws Exception {
        for (Phone phone : phones) {
            phoneClock.scheduleAtFixedRate(() -> poll(phone, false), random.nextLong(pollEvery.toMillis()), pollEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        Instant deadline = Instant.now().plus(timeout);
        Instant lastChange = Instant.now();
        int seen = 0;
        while (Instant.now().isBefore(deadline)
                && ((contactsExpected && firstSeen.isEmpty()) || Duration.between(lastChange, Instant.now()).compareTo(quiet) < 0)) {
            Thread.sleep(500);
            // A pipeline still at work counts as a change: the quiet period is waited out after it went idle.
            int now = firstSeen.size() + f1Uploads.size();
            if (now != seen || admin != null && !MatchingBacklog.idle(admin)) {
                seen = now;
                lastChange = Instant.now();
            }
        }
    }

    /**
     * One conditional poll of a phone's alerts, {@code afterPush} as the app polls when pushed; a failure
     * is counted and the phone polls again later.
     */
    private void poll(Phone phone, boolean afterPush) {
        polls.increment();
        api.getIfChanged("/api/v1/alerts", phone.token, phone.alertsEtag, afterPush)
                .thenCompose(answer -> {
                    if (answer.status() == 304) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (answer.status() != 200) {
                        failedPolls.increment();
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    phone.alertsEtag = answer.etag();
                    return onAlerts(phone, answer.as(AlertList.class));
                })
                .exceptionally(error -> {
                    failedPolls.increment();
                    return null;
                });
    }

    private CompletableFuture<Void> onAlerts(Phone phone, AlertList alerts) {
        Instant now = Instant.now();
        List<CompletableFuture<?>> uploads = new ArrayList<>();
        for (AlertList.Alert alert : alerts.alerts()) {
            firstSeen.putIfAbsent(phone.deviceId + "|" + alert.level() + "|" + alert.alertId(), now);
            if (alert.uploadToken() != null && f1Uploads.add(UploadTokens.grantOf(alert.uploadToken()))) { // a new start
                uploads.add(uploadKeys(phone, alert.uploadToken(), 0)
                        .thenAccept(answer -> f1KeysUploadedAt.merge(phone, Instant.now(), (a, b) -> a.isBefore(b) ? a : b)));
            }
        }
        return CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new));
    }

    private Optional<Instant> firstKeyUpload(Set<Phone> f1s) {
        return f1s.stream().map(f1KeysUploadedAt::get).filter(Objects::nonNull).min(Instant::compareTo);
    }

    private void report(Map<UUID, GroundTruth.CaseTruth> truths, Map<UUID, Instant> keysUploadedAt, String official,
            PushInbox push, int pollSeconds) {
        Map<String, Phone> byId = new HashMap<>();
        phones.forEach(phone -> byId.put(phone.deviceId, phone));
        int[] f1 = new int[3];   // true positives, false positives, false negatives
        int[] f2 = new int[3];
        List<Long> f1Latency = new ArrayList<>();
        List<Long> f2Latency = new ArrayList<>();
        List<Long> f2LatencyFromCase = new ArrayList<>();
        for (Map.Entry<UUID, GroundTruth.CaseTruth> entry : truths.entrySet()) {
            GroundTruth.CaseTruth truth = entry.getValue();
            CaseContacts found = api.get("/api/v1/official/cases/" + entry.getKey() + "/contacts", official).join()
                    .as(CaseContacts.class);
            Set<Phone> foundF1 = new HashSet<>();
            Set<Phone> foundF2 = new HashSet<>();
            for (CaseContacts.Contact contact : found.contacts()) {
                (contact.level().equals("F1") ? foundF1 : foundF2).add(byId.get(contact.deviceId().toString()));
            }
            count(truth.f1FirstExposure().keySet(), foundF1, f1);
            count(truth.f2(), foundF2, f2);
            for (Phone phone : foundF1) {
                seenAt(phone, "F1").ifPresent(seen -> f1Latency.add(Duration.between(keysUploadedAt.get(entry.getKey()), seen).toMillis()));
            }
            Optional<Instant> caseFirstF1Upload = firstKeyUpload(truth.f1FirstExposure().keySet());
            for (Phone phone : foundF2) {
                // From the first upload of an F1 it really was close to: before that nothing could alert it.
                Optional<Instant> sourceUpload = firstKeyUpload(truth.f2Sources().getOrDefault(phone, Set.of()));
                seenAt(phone, "F2").ifPresent(seen -> {
                    sourceUpload.ifPresent(upload -> f2Latency.add(Duration.between(upload, seen).toMillis()));
                    caseFirstF1Upload.ifPresent(upload -> f2LatencyFromCase.add(Duration.between(upload, seen).toMillis()));
                });
            }
        }
        System.out.printf("F1: expected %d, found %d, precision %.4f, recall %.4f%n",
                f1[0] + f1[2], f1[0] + f1[1], precision(f1), recall(f1));
        System.out.printf("F2: expected %d, found %d, precision %.4f, recall %.4f%n",
                f2[0] + f2[2], f2[0] + f2[1], precision(f2), recall(f2));
        System.out.println("latency F0 keys uploaded -> F1 alert visible: " + Percentiles.describe(f1Latency));
        System.out.println("latency F1 keys uploaded -> F2 alert visible: " + Percentiles.describe(f2Latency));
        // The measure of runs before 5 December 2026, kept so they stay comparable.
        System.out.println("latency case's first F1 keys uploaded -> F2 alert visible: " + Percentiles.describe(f2LatencyFromCase));
        System.out.printf("polls: %d (every phone every %d s, and on each of %d pushes received), %d failed%n",
                polls.sum(), pollSeconds, push.received(), failedPolls.sum());
    }

    private java.util.Optional<Instant> seenAt(Phone phone, String level) {
        return firstSeen.entrySet().stream()
                .filter(e -> e.getKey().startsWith(phone.deviceId + "|" + level + "|"))
                .map(Map.Entry::getValue)
                .min(Instant::compareTo);
    }

    private static void count(Set<Phone> expected, Set<Phone> found, int[] counts) {
        for (Phone phone : found) {
            counts[expected.contains(phone) ? 0 : 1]++;
        }
        for (Phone phone : expected) {
            if (!found.contains(phone)) {
                counts[2]++;
            }
        }
    }

    private static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
    }
}
