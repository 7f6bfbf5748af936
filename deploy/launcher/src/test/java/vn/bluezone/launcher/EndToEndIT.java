package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vn.bluezone.launcher.ApiClient.Answer;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.api.OfficialLogin;
import vn.bluezone.protocol.api.OfficialSession;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.api.UploadAuthorization;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.testsupport.DatabaseCoordinates;
import vn.bluezone.testsupport.FcmStub;
import vn.bluezone.testsupport.TestInfrastructure;

/**
 * F0 confirmed → keys uploaded → F1 found → F1 alerted, through the gateway of the whole system:
 * the four service jars in their own JVMs, on real Kafka and PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    static final String OFFICIAL_USER = "e2e-official";
    static final String OFFICIAL_PASSWORD = "e2e-password-" + UUID.randomUUID();
    static final Duration CODE_VALIDITY = Duration.ofSeconds(20);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    /** The test date is today; yesterday is inside the infectious period (from two days before). */
    static final int CONTACT_INTERVAL = EnIntervals.startOfDay(TODAY.minusDays(1)) + 72;

    static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    static final FcmStub FCM = FcmStub.start();
    static LocalSystem system;
    static ApiClient api;
    static String officialToken;

    @BeforeAll
    static void startSystem() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        DatabaseCoordinates db = infra.database();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        env.put("BLUEZONE_DB_URL", db.jdbcUrl());
        env.put("BLUEZONE_DB_USER", db.username());
        env.put("BLUEZONE_DB_PASSWORD", db.password());
        env.put("BLUEZONE_BOOTSTRAP_OFFICIAL_USER", OFFICIAL_USER);
        env.put("BLUEZONE_BOOTSTRAP_OFFICIAL_PASSWORD", OFFICIAL_PASSWORD);
        env.put("BLUEZONE_CODE_VALIDITY", CODE_VALIDITY.toSeconds() + "s");
        env.put("BLUEZONE_TOPIC_PARTITIONS", "4");
        Path home = Files.createTempDirectory("bluezone-e2e-");
        env.put("BLUEZONE_PUSH_FCM_BASE_URL", FCM.baseUrl());
        env.put("BLUEZONE_PUSH_FCM_CREDENTIALS_FILE", FCM.writeServiceAccount(home.resolve("fcm-service-account.json")).toString());
        system = LocalSystem.start(new LaunchSettings(Path.of(System.getProperty("bluezone.services.dir")), home, 0, env));
        api = new ApiClient(system.gatewayUrl());
        officialToken = api.post("/api/v1/official/session", null, new OfficialLogin(OFFICIAL_USER, OFFICIAL_PASSWORD))
                .as(OfficialSession.class).token();
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) {
            system.close();
        }
        FCM.close();
    }

    @Test
    void closeContactsOfAConfirmedCaseAreAlertedOnceAndNobodyElseIs() throws Exception {
        Phone f0 = Phone.register();
        Phone near30 = Phone.register();
        Phone medium40 = Phone.register();
        Phone near10 = Phone.register();
        Phone medium20 = Phone.register();
        Phone far60 = Phone.register();
        Phone beforeInfectious = Phone.register();
        Phone late = Phone.register();

        near30.sees(f0, CONTACT_INTERVAL, 30, 50);
        medium40.sees(f0, CONTACT_INTERVAL, 40, 70);
        near10.sees(f0, CONTACT_INTERVAL, 10, 50);
        medium20.sees(f0, CONTACT_INTERVAL, 20, 70);
        far60.sees(f0, CONTACT_INTERVAL, 60, 80);
        beforeInfectious.sees(f0, EnIntervals.startOfDay(TODAY.minusDays(5)) + 72, 60, 50);
        f0.sees(f0, CONTACT_INTERVAL, 60, 40); // a phone hearing its own RPIs (reflection, replay) is no contact

        CaseCreated confirmed = confirmCase();
        String uploadToken = f0.verify(confirmed.verificationCode());
        assertThat(f0.uploadKeys(uploadToken).status()).isEqualTo(202);
        late.sees(f0, CONTACT_INTERVAL, 30, 50); // uploaded after the keys were published

        awaitAlerts(near30, 1);
        awaitAlerts(medium40, 1);
        awaitAlerts(late, 1);

        // The same keys again under a second code for the case: no second alert.
        Answer secondCode = api.post("/api/v1/official/cases/" + confirmed.caseId() + "/codes", officialToken, "{}");
        assertThat(secondCode.status()).isEqualTo(201);
        assertThat(f0.uploadKeys(f0.verify(secondCode.as(CaseCreated.class).verificationCode())).status()).isEqualTo(202);
        Phone marker = Phone.register();
        marker.sees(f0, CONTACT_INTERVAL, 30, 50); // found after the re-uploaded keys were processed
        awaitAlerts(marker, 1);

        for (Phone f1 : List.of(near30, medium40, late)) {
            assertThat(f1.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.level()).isEqualTo("F1");
                assertThat(alert.exposureDate()).isEqualTo(TODAY.minusDays(1));
                assertThat(alert.weightedMinutes()).isGreaterThanOrEqualTo(15.0);
            });
        }
        for (Phone notAtRisk : List.of(near10, medium20, far60, beforeInfectious, f0)) {
            assertThat(notAtRisk.alerts()).isEmpty();
        }
        for (Phone polling : List.of(near30, near10)) { // with and without alerts: unchanged means 304
            String etag = api.get("/api/v1/alerts", polling.token()).etag();
            assertThat(etag).isNotBlank();
            assertThat(api.getIfNoneMatch("/api/v1/alerts", polling.token(), etag).status()).isEqualTo(304);
        }
        assertThat(awaitActiveToday(List.of(near30.id(), near10.id(), far60.id(), late.id())))
                .as("phones that polled, answered by the notify-service or the gateway, once each")
                .containsExactlyInAnyOrder(near30.id(), near10.id(), far60.id(), late.id());
        assertThat(activeToday(List.of(Phone.register().id()))).as("a phone that never polled").isEmpty();
        JsonNode contacts = api.get("/api/v1/official/cases/" + confirmed.caseId() + "/contacts", officialToken).body();
        assertThat(contacts.get("contacts").valueStream().map(c -> c.get("deviceId").asString()).toList())
                .containsExactlyInAnyOrder(near30.id(), medium40.id(), late.id(), marker.id());
    }

    @Test
    void contactsOfAnF1AfterItsExposureBecomeF2OnceAndAnF2WhoProvesF1IsUpgraded() throws Exception {
        Phone f0 = Phone.register();
        Phone f1 = Phone.register();
        Phone otherF1 = Phone.register();
        Phone f2 = Phone.register();
        Phone metF1Before = Phone.register();
        Phone upgraded = Phone.register();
        f1.registerPush();
        upgraded.registerPush();

        f1.sees(f0, CONTACT_INTERVAL, 30, 50);
        otherF1.sees(f0, CONTACT_INTERVAL, 30, 50);
        CaseCreated confirmed = confirmCase();
        assertThat(f0.uploadKeys(f0.verify(confirmed.verificationCode())).status()).isEqualTo(202);
        awaitAlerts(f1, 1);
        awaitAlerts(otherF1, 1);

        f2.sees(f1, CONTACT_INTERVAL + 12, 30, 50);
        f2.sees(otherF1, CONTACT_INTERVAL + 20, 30, 50);        // reached through two F1s
        metF1Before.sees(f1, CONTACT_INTERVAL - 30, 60, 50);    // before f1 was exposed
        otherF1.sees(f1, CONTACT_INTERVAL + 12, 30, 50);        // an F1 meeting an F1
        f0.sees(f1, CONTACT_INTERVAL + 12, 30, 50);             // the F0 meeting its F1
        upgraded.sees(f1, CONTACT_INTERVAL + 12, 30, 50);
        for (Phone uploader : List.of(f1, otherF1)) {
            String token = uploader.alerts().get(0).uploadToken();
            assertThat(token).isNotBlank();
            assertThat(uploader.uploadKeys(token).status()).isEqualTo(202);
            assertThat(uploader.uploadKeys(token).status()).as("a retry of the same upload").isEqualTo(202);
            expectProblem(uploader.uploadOtherKeys(token), 403);
        }
        awaitAlerts(f2, 1);
        awaitAlerts(upgraded, 1);
        AlertList.Alert asF2 = upgraded.alerts().get(0);
        assertThat(asF2.level()).isEqualTo("F2");
        assertThat(asF2.uploadToken()).isNull();
        awaitPushes(upgraded, 1);

        upgraded.sees(f0, CONTACT_INTERVAL + 40, 30, 50);
        Instant deadline = Instant.now().plusSeconds(90);
        while (!"F1".equals(upgraded.alerts().get(0).level()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(upgraded.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.level()).isEqualTo("F1");
            assertThat(alert.alertId()).isEqualTo(asF2.alertId());
            assertThat(alert.createdAt()).isAfter(asF2.createdAt());
        });
        assertThat(f2.alerts()).singleElement().satisfies(alert -> assertThat(alert.level()).isEqualTo("F2"));
        awaitPushes(upgraded, 2); // the new F2 alert, then its upgrade to F1
        awaitPushes(f1, 1);       // its F1 alert; its own key upload pushes it nothing
        assertThat(FCM.violations()).isEmpty();
        assertThat(metF1Before.alerts()).isEmpty();
        assertThat(otherF1.alerts()).singleElement().satisfies(alert -> assertThat(alert.level()).isEqualTo("F1"));
        assertThat(f0.alerts()).isEmpty();

        JsonNode contacts = api.get("/api/v1/official/cases/" + confirmed.caseId() + "/contacts", officialToken).body();
        Map<String, JsonNode> byDevice = new HashMap<>();
        contacts.get("contacts").valueStream().forEach(c -> byDevice.put(c.get("deviceId").asString(), c));
        assertThat(byDevice).containsOnlyKeys(f1.id(), otherF1.id(), f2.id(), upgraded.id());
        assertThat(byDevice.get(f2.id()).get("level").asString()).isEqualTo("F2");
        assertThat(byDevice.get(f2.id()).get("viaDeviceId").asString()).isIn(f1.id(), otherF1.id());
        JsonNode summary = api.get("/api/v1/official/cases/" + confirmed.caseId(), officialToken).body();
        assertThat(summary.get("f1Count").asInt()).isEqualTo(3);
        assertThat(summary.get("f2Count").asInt()).isEqualTo(1);
        assertThat(summary.get("keyUploads").size()).isEqualTo(3);
    }

    @Test
    void badInputsAreRefusedWithProblemsAndChangeNothing() throws Exception {
        Phone f0 = Phone.register();
        Phone contact = Phone.register();
        Phone stranger = Phone.register();

        expectProblem(api.post("/api/v1/sightings", contact.token, "{\"sightings\": [{\"rpi\":"), 400);
        expectProblem(api.post("/api/v1/sightings", null, new SightingBatch(List.of())), 401);
        expectProblem(api.post("/api/v1/devices", null, "{\"platform\":\"nokia\"}"), 400);
        expectProblem(api.put("/api/v1/devices/me/push", null, Map.of("channel", "fcm", "token", "t")), 401);
        expectProblem(api.put("/api/v1/devices/me/push", contact.token, Map.of("channel", "sms", "token", "0912")), 400);
        expectProblem(api.put("/api/v1/devices/me/push", contact.token, "{\"channel\":\"fcm\",\"token\":\""
                + "x".repeat(9000) + "\"}"), 413);

        CaseCreated confirmed = confirmCase();
        String uploadToken = f0.verify(confirmed.verificationCode());
        expectProblem(api.post("/api/v1/verify", stranger.token, new VerificationRequest(confirmed.verificationCode())), 403);

        List<DiagnosisKeyUpload.Key> wrongLength = List.of(new DiagnosisKeyUpload.Key(new byte[15],
                EnIntervals.startOfDay(TODAY), 144));
        expectProblem(api.post("/api/v1/diagnosis-keys", f0.token, new DiagnosisKeyUpload(uploadToken, wrongLength)), 400);
        List<DiagnosisKeyUpload.Key> sixteen = IntStream.range(0, 16)
                .mapToObj(d -> new DiagnosisKeyUpload.Key(ExposureCrypto.newTemporaryExposureKey(),
                        EnIntervals.startOfDay(TODAY.minusDays(d % 14)), 144))
                .toList();
        expectProblem(api.post("/api/v1/diagnosis-keys", f0.token, new DiagnosisKeyUpload(uploadToken, sixteen)), 400);
        expectProblem(api.post("/api/v1/diagnosis-keys", stranger.token, f0.keyUpload(uploadToken)), 403);
        expectProblem(api.post("/api/v1/diagnosis-keys", officialToken, f0.keyUpload(uploadToken)), 403);
        expectProblem(api.get("/api/v1/official/cases/" + confirmed.caseId() + "/contacts", f0.token), 403);

        // None of that spent the token: the real upload still works, once.
        contact.sees(f0, CONTACT_INTERVAL, 30, 50);
        assertThat(f0.uploadKeys(uploadToken).status()).isEqualTo(202);
        expectProblem(f0.uploadOtherKeys(uploadToken), 403);
        awaitAlerts(contact, 1);
        assertThat(stranger.alerts()).isEmpty();

        CaseCreated expiring = confirmCase();
        Thread.sleep(CODE_VALIDITY.plusSeconds(1).toMillis());
        expectProblem(api.post("/api/v1/verify", stranger.token, new VerificationRequest(expiring.verificationCode())), 403);
    }

    @Test
    void uploadsWhileTheBrokerIsDownGet503AndEveryAcceptedOneIsMatchedOnceItIsBack() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        assumeTrue(infra.supportsFaults(), "needs the embedded broker to stop it");
        Phone f0 = Phone.register();
        List<Phone> before = List.of(Phone.register(), Phone.register(), Phone.register());
        List<Phone> during = List.of(Phone.register(), Phone.register(), Phone.register());
        for (Phone contact : before) {
            contact.sees(f0, CONTACT_INTERVAL, 30, 50);
        }
        CaseCreated confirmed = confirmCase();
        String uploadToken = f0.verify(confirmed.verificationCode());

        List<Answer> refused = new ArrayList<>();
        infra.stopKafka();
        try {
            for (Phone contact : during) {
                refused.add(contact.upload(f0, CONTACT_INTERVAL, 30, 50));
            }
            refused.add(f0.uploadKeys(uploadToken));
        } finally {
            infra.startKafka();
        }
        for (Answer answer : refused) {
            expectProblem(answer, 503);
            assertThat(answer.retryAfter()).isEqualTo("5");
        }

        // The phones retry what was refused, as the app does after Retry-After: the same batch, the same keys.
        for (Phone contact : during) {
            retryUntilAccepted(() -> contact.upload(f0, CONTACT_INTERVAL, 30, 50));
        }
        retryUntilAccepted(() -> f0.uploadKeys(uploadToken));
        for (Phone contact : before) {
            awaitAlerts(contact, 1);
        }
        for (Phone contact : during) {
            awaitAlerts(contact, 1);
        }
        assertThat(f0.alerts()).isEmpty();
    }

    @Test
    void aGatewayAndNotifyServiceStartedWhileKafkaIsUnreachableNeverTellAnAlertedPhoneNoAlerts() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        assumeTrue(infra.supportsFaults(), "needs the embedded broker to stop it");
        Phone f0 = Phone.register();
        Phone alerted = Phone.register();
        Phone quiet = Phone.register();
        alerted.sees(f0, CONTACT_INTERVAL, 30, 50);
        assertThat(f0.uploadKeys(f0.verify(confirmCase().verificationCode())).status()).isEqualTo(202);
        awaitAlerts(alerted, 1);

        ServiceProcess gateway = system.service("gateway");
        ServiceProcess notify = system.service("notify-service");
        gateway.close();
        notify.close();
        List<String> answers = new ArrayList<>();
        infra.stopKafka();
        try {
            notify.startAgain();
            gateway.startAgain();
            Instant until = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(until) && answers.stream().filter("200 with its alert"::equals).count() < 5) {
                answers.add(pollOutcome(alerted));
                Thread.sleep(500);
            }
        } finally {
            infra.startKafka();
        }
        assertThat(answers).as("polls of an alerted phone while Kafka is unreachable")
                .doesNotContain("200 without alerts").contains("200 with its alert");

        Instant deadline = Instant.now().plusSeconds(180);
        while (!(gateway.isReady() && notify.isReady()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(gateway.isReady() && notify.isReady()).as("ready once Kafka is back").isTrue();
        assertThat(alerted.alerts()).hasSize(1);
        assertThat(quiet.alerts()).isEmpty();
    }

    /**
     * An official in headless Chromium: signs in, confirms a case, reads its code off the page; the F0's
     * phone redeems it and uploads its keys, an F1's sightings match; the case page shows the F1 and the
     * tree without being reloaded. Then 41,177 phones register in Điện Biên, and the adoption page shows
     * 6.88% of its population, as the province's letter reported. Screenshots go to target/screenshots.
     */
    @Test
    void anOfficialFollowsACaseAndDienBiensAdoptionInARealBrowser() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PortalBrowser.DRIVER)) && Files.isExecutable(Path.of(PortalBrowser.CHROMIUM)),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        Phone f0 = Phone.register();
        Phone f1 = Phone.register();
        f1.sees(f0, CONTACT_INTERVAL, 30, 50);
        try (PortalBrowser browser = PortalBrowser.start(system.gatewayUrl())) {
            browser.signIn(OFFICIAL_USER, OFFICIAL_PASSWORD);
            String code = browser.confirmCase("11");
            assertThat(code).matches("\\d{12}");
            String uploadToken = f0.verify(code);

            browser.openIssuedCase();
            String loadedAt = browser.pageLoadMark();
            assertThat(f0.uploadKeys(uploadToken).status()).isEqualTo(202);
            browser.awaitText("f1-count", "1", Duration.ofSeconds(90));
            browser.awaitGraphNodes(2, Duration.ofSeconds(10));
            browser.awaitTimelineStep("keysUploadedAt");
            browser.awaitTimelineStep("firstF1FoundAt");
            assertThat(browser.pageLoadMark()).as("updated without a reload").isEqualTo(loadedAt);
            browser.screenshot("case-page");

            registerPhonesIn("11", 41_177 - registeredIn("11"));
            browser.openAdoption();
            assertThat(browser.provinceRow("11")).contains("Điện Biên").contains("598.856").contains("41.177")
                    .contains("6,88 %");
            browser.screenshot("adoption-page");
            assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
        }
    }

    /** Registered phones of a province today, from the operators' adoption figures. */
    private static int registeredIn(String province) {
        JsonNode adoption = api.get("/api/v1/official/adoption", officialToken).body();
        return adoption.get("provinces").valueStream().filter(p -> p.get("provinceCode").asString().equals(province))
                .findFirst().orElseThrow().get("registered").asInt();
    }

    /**
     * Last, so that the other tests' traffic has made every metric appear: a real Prometheus scrapes all four
     * services and evaluates the alert rules; every metric and recording rule the dashboards and rules read
     * has series, and every rule evaluates without error. promtool lints every service's exposition.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void prometheusScrapesEveryServiceAndFindsEveryMetricTheDashboardsAndAlertsRead(@TempDir Path dir) throws Exception {
        Programs.require("prometheus", "apt-get install prometheus");
        Programs.require("promtool", "apt-get install prometheus");
        Map<String, String> targets = system.managementAddresses();
        Set<String> names = new TreeSet<>();
        MonitoringQueries.dashboardQueries().forEach(query -> names.addAll(MonitoringQueries.metricNames(query.expression())));
        MonitoringQueries.ruleExpressions().forEach(expression -> names.addAll(MonitoringQueries.metricNames(expression)));
        assertThat(names).contains("bluezone_contacts_latency_seconds_bucket", "bluezone:polls:rate5m", "up");

        try (PrometheusServer prometheus = PrometheusServer.scraping(targets, dir)) {
            awaitUntil(Duration.ofSeconds(60), "every target is up", () -> {
                JsonNode active = prometheus.api("targets").path("activeTargets");
                return active.size() == targets.size()
                        && active.valueStream().allMatch(target -> target.path("health").asString().equals("up"));
            });
            List<String> missing = new ArrayList<>();
            awaitUntil(Duration.ofSeconds(60), "every metric the dashboards and rules read has series", () -> {
                missing.clear();
                for (String name : names) {
                    if (prometheus.query("count({__name__=\"" + name + "\"})").isEmpty()) {
                        missing.add(name);
                    }
                }
                return missing.isEmpty();
            }, () -> "missing: " + missing);
            JsonNode rules = prometheus.api("rules").path("groups");
            assertThat(rules.valueStream().flatMap(group -> group.path("rules").valueStream()))
                    .hasSize(MonitoringQueries.ruleExpressions().size())
                    .allSatisfy(rule -> assertThat(rule.path("health").asString()).as(rule.path("name").asString()).isEqualTo("ok"));
        }

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (Map.Entry<String, String> target : targets.entrySet()) {
            byte[] exposition = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://" + target.getValue() + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
            Programs.Result lint = Programs.runWithInput(dir, 60, exposition, "promtool", "check", "metrics");
            // Exit 3: lint findings only. The project's own metrics have none; Kafka's and the JVM's names
            // (e.g. *_time_ns_total) are theirs to keep.
            assertThat(lint.exitCode()).as(target.getKey() + ": " + lint.output()).isIn(0, 3);
            assertThat(lint.output().lines().filter(line -> line.startsWith("bluezone")))
                    .as(target.getKey() + "'s own metrics pass promtool's lint").isEmpty();
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Duration timeout, String what, Condition condition) throws Exception {
        awaitUntil(timeout, what, condition, () -> "");
    }

    private static void awaitUntil(Duration timeout, String what, Condition condition,
            java.util.function.Supplier<String> detail) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            assertThat(Instant.now()).as(what + " within " + timeout + "; " + detail.get()).isBefore(deadline);
            Thread.sleep(500);
        }
    }

    /** Registers phones through the gateway, 32 at a time, as a crowd of phones would. */
    private static void registerPhonesIn(String province, int phones) throws Exception {
        ExecutorService crowd = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < phones; i++) {
                answers.add(crowd.submit(() -> api.post("/api/v1/devices", null, new DeviceRegistration("ios", province)).status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(201);
            }
        } finally {
            crowd.shutdownNow();
        }
    }

    /** What one poll through the gateway told the phone (the gateway may still be starting). */
    private static String pollOutcome(Phone phone) {
        try {
            Answer answer = api.get("/api/v1/alerts", phone.token());
            if (answer.status() != 200) {
                return String.valueOf(answer.status());
            }
            return answer.as(AlertList.class).alerts().isEmpty() ? "200 without alerts" : "200 with its alert";
        } catch (IllegalStateException unreachable) {
            return "unreachable";
        }
    }

    private static void retryUntilAccepted(java.util.function.Supplier<Answer> upload) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        Answer answer = upload.get();
        while (answer.status() != 202 && Instant.now().isBefore(deadline)) {
            assertThat(answer.status()).as("only ever accepted or 503").isEqualTo(503);
            Thread.sleep(1000);
            answer = upload.get();
        }
        assertThat(answer.status()).isEqualTo(202);
    }

    private static void expectProblem(Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
    }

    private static CaseCreated confirmCase() {
        Answer answer = api.post("/api/v1/official/cases", officialToken, new CaseRegistration(TODAY, null, "01"));
        assertThat(answer.status()).isEqualTo(201);
        return answer.as(CaseCreated.class);
    }

    /** Waits for this many pushes to the phone's FCM token, then checks no more arrive for a moment. */
    private static void awaitPushes(Phone phone, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (FCM.deliveredTo(phone.pushToken()).size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        assertThat(FCM.deliveredTo(phone.pushToken())).hasSize(count);
    }

    private static void awaitAlerts(Phone phone, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (phone.alerts().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(phone.alerts()).hasSize(count);
    }

    /** Which of these devices upload.device_activity holds for today, once the gateway's events were stored. */
    private static List<String> awaitActiveToday(List<String> devices) throws Exception {
        List<String> active = activeToday(devices);
        for (int i = 0; i < 200 && active.size() < devices.size(); i++) {
            Thread.sleep(100);
            active = activeToday(devices);
        }
        return active;
    }

    private static List<String> activeToday(List<String> devices) throws SQLException {
        DatabaseCoordinates db = TestInfrastructure.get().database();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement query = connection.prepareStatement("SELECT device_id::text FROM upload.device_activity "
                        + "WHERE day = ? AND device_id = ANY (?::uuid[])")) {
            query.setObject(1, LocalDate.now(VIETNAM)); // activity is counted in Vietnam's days
            query.setArray(2, connection.createArrayOf("text", devices.toArray()));
            List<String> active = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    active.add(rows.getString(1));
                }
            }
            return active;
        }
    }

    /** A phone with its own daily keys for the last 8 days, speaking only the public API. */
    record Phone(String id, String token, Map<Integer, byte[]> keysByDayStart) {

        static Phone register() {
            DeviceRegistered registered = api.post("/api/v1/devices", null, new DeviceRegistration("android", "01"))
                    .as(DeviceRegistered.class);
            Map<Integer, byte[]> keys = new HashMap<>();
            for (int d = 0; d < 8; d++) {
                keys.put(EnIntervals.startOfDay(TODAY.minusDays(d)), ExposureCrypto.newTemporaryExposureKey());
            }
            return new Phone(registered.deviceId().toString(), registered.deviceToken(), keys);
        }

        /** Uploads 10-minute sightings of {@code other}'s RPIs covering {@code minutes} from {@code interval}. */
        void sees(Phone other, int interval, int minutes, int attenuationDb) {
            Answer answer = upload(other, interval, minutes, attenuationDb);
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.body().get("accepted").asInt()).isEqualTo((minutes + 9) / 10);
        }

        Answer upload(Phone other, int interval, int minutes, int attenuationDb) {
            List<SightingBatch.Sighting> sightings = new ArrayList<>();
            for (int done = 0, i = interval; done < minutes; done += 10, i++) {
                sightings.add(new SightingBatch.Sighting(other.rpi(i), i, Math.min(10, minutes - done) * 60, attenuationDb));
            }
            return api.post("/api/v1/sightings", token, new SightingBatch(sightings));
        }

        /** The FCM registration token this phone's app would have. */
        String pushToken() {
            return "fcm-" + id;
        }

        void registerPush() {
            assertThat(api.put("/api/v1/devices/me/push", token,
                    Map.of("channel", "fcm", "token", pushToken())).status()).isEqualTo(204);
        }

        byte[] rpi(int interval) {
            byte[] tek = keysByDayStart.get(EnIntervals.startOfDay(EnIntervals.day(interval)));
            return ExposureCrypto.rollingProximityIdentifier(ExposureCrypto.rollingProximityIdentifierKey(tek), interval);
        }

        String verify(String code) {
            Answer answer = api.post("/api/v1/verify", token, new VerificationRequest(code));
            assertThat(answer.status()).isEqualTo(200);
            return answer.as(UploadAuthorization.class).uploadToken();
        }

        DiagnosisKeyUpload keyUpload(String uploadToken) {
            return new DiagnosisKeyUpload(uploadToken, keysByDayStart.entrySet().stream()
                    .map(e -> new DiagnosisKeyUpload.Key(e.getValue(), e.getKey(), 144))
                    .toList());
        }

        Answer uploadKeys(String uploadToken) {
            return api.post("/api/v1/diagnosis-keys", token, keyUpload(uploadToken));
        }

        /** A spent token with keys other than those it was spent for: refused. */
        Answer uploadOtherKeys(String uploadToken) {
            return api.post("/api/v1/diagnosis-keys", token, new DiagnosisKeyUpload(uploadToken, List.of(
                    new DiagnosisKeyUpload.Key(ExposureCrypto.newTemporaryExposureKey(), EnIntervals.startOfDay(TODAY), 144))));
        }

        List<AlertList.Alert> alerts() {
            Answer answer = api.get("/api/v1/alerts", token);
            assertThat(answer.status()).isEqualTo(200);
            return answer.as(AlertList.class).alerts();
        }
    }
}
