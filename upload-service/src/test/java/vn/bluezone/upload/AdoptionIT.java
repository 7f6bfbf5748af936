package vn.bluezone.upload;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import vn.bluezone.protocol.api.Adoption;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.OfficialScope;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;
import vn.bluezone.upload.adoption.ActivityDays;
import vn.bluezone.upload.adoption.DailyReports;

/** Adoption per province from real registrations and activity events, on real PostgreSQL and Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bluezone.upload.bootstrap-official-user=official",
        "bluezone.upload.bootstrap-official-password=correct horse",
        "bluezone.upload.topic-partitions=3",
        "bluezone.upload.registrations-per-address=1000000",
        "logging.structured.format.console="})
class AdoptionIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final OfficialScope OPERATOR = new OfficialScope(Set.of(OfficialRole.OPERATOR), Set.of());
    private static final OfficialScope DIEN_BIEN_OFFICER = new OfficialScope(Set.of(OfficialRole.PROVINCE_OFFICER), Set.of("11"));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.uploadServiceProperties());
        TestInfrastructure.registerProperties(registry);
    }

    @BeforeAll
    static void topics() {
        new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers()).ensure(Topics.DEVICE_ACTIVITY);
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    ActivityDays activityDays;

    @Autowired
    DailyReports dailyReports;

    private WebTestClient as(OfficialScope scope) {
        return TestClients.bindToServer().filter(AsGateway.identities(TestKeys.UPLOAD_ASSERTIONS, scope))
                .baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60))
                .defaultHeader(GatewayHeaders.OFFICIAL, "official").build();
    }

    @Test
    void registrationsAreCountedPerProvinceAndDayAgainstItsPopulation() {
        LocalDate today = LocalDate.now(VIETNAM);
        long before = province(as(OPERATOR), today, "48").registered();
        AtomicInteger refused = new AtomicInteger();
        WebClient phones = WebClient.create("http://localhost:" + port);
        // Concurrently, as phones do: the counts must not lose an increment.
        Flux.range(0, 300)
                .flatMap(i -> phones.post().uri("/api/v1/devices").bodyValue(new DeviceRegistration("android", "48"))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                        .doOnNext(status -> {
                            if (status != 201) {
                                refused.incrementAndGet();
                            }
                        }), 32)
                .blockLast(Duration.ofMinutes(2));
        Adoption.Province daNang = province(as(OPERATOR), today, "48");
        assertThat(refused).hasValue(0);
        assertThat(daNang.name()).isEqualTo("Đà Nẵng");
        assertThat(daNang.registered()).isEqualTo(before + 300);
        assertThat(daNang.newRegistrations()).isEqualTo(before + 300);
        assertThat(daNang.percentOfPopulation()).isEqualTo(Math.round(10_000.0 * (before + 300) / 2_630_122) / 100.0);
        assertThat(daNang.population()).isEqualTo(2_630_122);
        assertThat(daNang.registeredChange7Days()).isEqualTo(before + 300);
        assertThat(daNang.trend()).isEqualTo(Adoption.Trend.UP);
        assertThat(daNang.provinceCount()).isEqualTo(34);
        assertThat(province(as(OPERATOR), today.minusDays(1), "48").registered()).as("yesterday").isZero();
    }

    @Test
    void devicesActiveInTheLast7DaysAreCountedOncePerProvinceWhenTheDayEnds() throws Exception {
        // Days long past, so no other test's activity falls into their windows.
        LocalDate first = LocalDate.parse("2025-02-01");
        UUID daily = UUID.randomUUID();
        UUID once = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        for (int day = 0; day < 7; day++) {
            publish(new DeviceActive(daily, first.plusDays(day), "11"));
        }
        publish(new DeviceActive(once, first.plusDays(2), "11"), new DeviceActive(elsewhere, first.plusDays(2), "01"),
                new DeviceActive(once, first.plusDays(2), "11"));
        awaitRows("SELECT count(*) AS n FROM upload.device_activity WHERE device_id IN ('" + daily + "', '" + once
                + "', '" + elsewhere + "')", 9);

        activityDays.closeDaysEndedBy(first.plusDays(7).atTime(LocalTime.of(1, 0)).atZone(VIETNAM).toInstant()).block();
        Map<String, Long> lastDay = activeOn(first.plusDays(6));
        assertThat(lastDay).containsEntry("11", 2L).containsEntry("01", 1L);
        assertThat(activeOn(first)).containsEntry("11", 1L);
        assertThat(db.sql("SELECT count(*) AS n FROM upload.device_activity WHERE day <= :d").bind("d", first.plusDays(6))
                .map(row -> row.get("n", Long.class)).one().block()).as("the first day's rows: no later window needs them").isEqualTo(8);

        // A late event for a counted day is not stored: it would never be counted.
        UUID late = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        publish(new DeviceActive(late, first.plusDays(3), "11"), new DeviceActive(next, first.plusDays(7), "11"));
        awaitRows("SELECT count(*) AS n FROM upload.device_activity WHERE device_id = '" + next + "'", 1);
        assertThat(db.sql("SELECT count(*) AS n FROM upload.device_activity WHERE device_id = :d").bind("d", late)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void anUnreadableActivityEventIsDeadLetteredAndTheValidOnesAroundItAreStored() throws Exception {
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        LocalDate day = LocalDate.now(VIETNAM);
        JsonSerde<DeviceActive> json = new JsonSerde<>(DeviceActive.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEVICE_ACTIVITY, before.toString(),
                    new String(json.serialize(Topics.DEVICE_ACTIVITY, new DeviceActive(before, day, "11"))))).get();
            producer.send(new ProducerRecord<>(Topics.DEVICE_ACTIVITY, "x", "{\"day\":\"" + day + "\",\"note\":\"" + before + "\"}")).get();
            producer.send(new ProducerRecord<>(Topics.DEVICE_ACTIVITY, after.toString(),
                    new String(json.serialize(Topics.DEVICE_ACTIVITY, new DeviceActive(after, day, null))))).get();
        }
        awaitRows("SELECT count(*) AS n FROM upload.device_activity WHERE device_id IN ('" + before + "', '" + after + "')", 2);
        assertThat(db.sql("SELECT province_code FROM upload.device_activity WHERE device_id = :d").bind("d", after)
                .map(row -> row.get("province_code", String.class)).one().block()).isEmpty();
        assertThat(new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers())
                .read(Topics.deadLetter(Topics.DEVICE_ACTIVITY), new org.apache.kafka.common.serialization.StringDeserializer(),
                        value -> value != null && value.contains(before.toString()), 1, Duration.ofSeconds(20)))
                .hasSize(1);
    }

    @Test
    void smartphoneFiguresOfADayAreTheLatestUploadOnOrBeforeItAndABadFileChangesNothing() {
        WebTestClient operator = as(OPERATOR);
        putSmartphones(operator, "2025-06-01", "\uFEFFprovinceCode,name,smartphones\n11,Điện Biên,219250\n01,Hà Nội,6000000\n")
                .expectStatus().isOk().expectBody().jsonPath("$.provinces").isEqualTo(2);
        putSmartphones(operator, "2025-06-10", "provinceCode,smartphones\n11,300000\n").expectStatus().isOk();
        long uploads = count("SELECT count(*) AS n FROM upload.smartphone_upload");

        putSmartphones(operator, "2025-06-20", "provinceCode,smartphones\n11,abc\n99,5\n11,7\n01,7\n01,8\n")
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors.length()").isEqualTo(3)
                .jsonPath("$.errors[0]").value(error -> assertThat((String) error).startsWith("line 2"));
        putSmartphones(operator, "2025-06-20", "code;phones\n11;5\n").expectStatus().isBadRequest();
        putSmartphones(operator, "2025-06-20", "").expectStatus().isBadRequest();
        putSmartphones(as(DIEN_BIEN_OFFICER), "2025-06-20", "provinceCode,smartphones\n11,1\n").expectStatus().isForbidden();
        assertThat(count("SELECT count(*) AS n FROM upload.smartphone_upload")).isEqualTo(uploads);

        assertThat(province(operator, LocalDate.parse("2025-06-05"), "11").smartphones()).isEqualTo(219_250);
        assertThat(province(operator, LocalDate.parse("2025-06-05"), "01").smartphones()).isEqualTo(6_000_000);
        Adoption tenth = operator.get().uri("/api/v1/official/adoption?date=2025-06-10").exchange()
                .expectStatus().isOk().expectBody(Adoption.class).returnResult().getResponseBody();
        assertThat(tenth.smartphonesAsOf()).isEqualTo(LocalDate.parse("2025-06-10"));
        assertThat(tenth.provinces()).filteredOn(p -> p.provinceCode().equals("11")).singleElement()
                .satisfies(p -> assertThat(p.smartphones()).isEqualTo(300_000));
        assertThat(tenth.provinces()).filteredOn(p -> p.provinceCode().equals("01")).singleElement()
                .satisfies(p -> assertThat(p.smartphones()).as("not in the latest upload").isNull());
        assertThat(province(operator, LocalDate.parse("2025-05-31"), "11").smartphones()).isNull();
    }

    @Test
    void theDailyReportOfYesterdayIsMadeAtSevenInVietnamOnceAndKeptAsCsvAndXlsx() throws Exception {
        LocalDate day = LocalDate.parse("2025-03-14");
        Instant justBefore = day.plusDays(1).atTime(6, 59).atZone(VIETNAM).toInstant();
        Instant atSeven = day.plusDays(1).atTime(7, 0, 30).atZone(VIETNAM).toInstant();
        dailyReports.makeDueReport(justBefore).block(); // the day before's report (if not made yet)
        WebTestClient operator = as(OPERATOR);
        operator.get().uri("/api/v1/official/adoption/report/{d}.csv", day).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(dailyReports.makeDueReport(atSeven).block()).isEqualTo(day);
        assertThat(dailyReports.makeDueReport(atSeven.plusSeconds(60)).block()).as("made once").isNull();

        byte[] csv = operator.get().uri("/api/v1/official/adoption/report/{d}.csv", day).exchange()
                .expectStatus().isOk().expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().value("Content-Disposition", value -> assertThat(value).contains("bluezone-adoption-2025-03-14.csv"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("Mã tỉnh").contains("Điện Biên").contains("Toàn quốc").hasLineCount(1 + 34 + 1);
        assertThat(new String(operator.get().uri("/api/v1/official/adoption/report/{d}.csv?lang=en", day).exchange()
                .expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8)).contains("Province code");

        byte[] xlsx = as(DIEN_BIEN_OFFICER).get().uri("/api/v1/official/adoption/report/{d}.xlsx", day).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = new java.util.ArrayList<>();
            workbook.getSheetAt(0).forEach(rows::add);
            assertThat(rows).extracting(row -> row.getCell(0) == null ? "" : row.getCell(0).toString())
                    .as("the officer's province only, then the national totals").contains("11").doesNotContain("01", "79");
            Row dienBien = rows.stream().filter(row -> row.getCell(0) != null && "11".equals(row.getCell(0).toString()))
                    .findFirst().orElseThrow();
            assertThat(dienBien.getCell(1).getStringCellValue()).isEqualTo("Điện Biên");
            assertThat(dienBien.getCell(9).getStringCellValue()).endsWith("/34");
            assertThat(dienBien.getCell(0).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
        }
        assertThat(operator.get().uri("/api/v1/official/adoption/reports").exchange().expectStatus().isOk()
                .expectBodyList(LocalDate.class).returnResult().getResponseBody()).contains(day);
    }

    @Test
    void aProvinceOfficerSeesOnlyTheAccountsProvincesAndHealthOfficialsAndDevicesNone() {
        Adoption seen = as(DIEN_BIEN_OFFICER).get().uri("/api/v1/official/adoption").exchange().expectStatus().isOk()
                .expectBody(Adoption.class).returnResult().getResponseBody();
        assertThat(seen.provinces()).extracting(Adoption.Province::provinceCode).containsExactly("11");
        assertThat(seen.national().population()).isEqualTo(96_208_984);
        as(new OfficialScope(Set.of(OfficialRole.HEALTH_OFFICIAL), Set.of("11"))).get().uri("/api/v1/official/adoption")
                .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        as(new OfficialScope(Set.of(OfficialRole.ADMIN), Set.of())).get().uri("/api/v1/official/adoption/reports")
                .exchange().expectStatus().isForbidden();
        TestClients.bindToServer().filter(AsGateway.identities(TestKeys.UPLOAD_ASSERTIONS)).baseUrl("http://localhost:" + port)
                .build().get().uri("/api/v1/official/adoption").header(GatewayHeaders.DEVICE_ID, UUID.randomUUID().toString())
                .exchange().expectStatus().isForbidden();
        as(OPERATOR).get().uri("/api/v1/official/adoption?date=2999-01-01").exchange().expectStatus().isBadRequest();
    }

    private WebTestClient.ResponseSpec putSmartphones(WebTestClient client, String asOf, String csv) {
        return client.put().uri("/api/v1/official/adoption/smartphones?asOf=" + asOf).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv).exchange();
    }

    private static Adoption.Province province(WebTestClient client, LocalDate day, String code) {
        return client.get().uri("/api/v1/official/adoption?date=" + day).exchange().expectStatus().isOk()
                .expectBody(Adoption.class).returnResult().getResponseBody().provinces().stream()
                .filter(p -> p.provinceCode().equals(code)).findFirst().orElseThrow();
    }

    private Map<String, Long> activeOn(LocalDate day) {
        return db.sql("SELECT province_code, active_7_days FROM upload.activity_count WHERE day = :d").bind("d", day)
                .map(row -> Map.entry(row.get("province_code", String.class), row.get("active_7_days", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }

    private void awaitRows(String sql, long expected) throws InterruptedException {
        for (int i = 0; i < 150 && count(sql) < expected; i++) {
            Thread.sleep(200);
        }
        Thread.sleep(500); // a doubled insert would land meanwhile
        assertThat(count(sql)).isEqualTo(expected);
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    private static void publish(DeviceActive... events) throws Exception {
        try (KafkaProducer<String, DeviceActive> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new JsonSerde<>(DeviceActive.class))) {
            for (DeviceActive event : events) {
                producer.send(new ProducerRecord<>(Topics.DEVICE_ACTIVITY, event.deviceId().toString(), event)).get();
            }
        }
    }

    private static java.util.Properties producerProps() {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers());
        return props;
    }
}
