package vn.bluezone.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.crypto.Rpis;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.PublishedRpiSerde;
import vn.bluezone.protocol.events.SightingRecorded;
import vn.bluezone.protocol.events.SightingSerde;
import vn.bluezone.protocol.events.Topics;

class MatchingTopologyTest {

    static final MatchingProperties DEFAULTS = new MatchingProperties(12, 15, 63, 1.0, 73, 0.5, 4, (short) 1, 14,
            Duration.ofHours(1), Duration.ofSeconds(1), 5000, ZoneId.of("Asia/Ho_Chi_Minh"), 1000, 3, 20);
    static final LocalDate TEST_DATE = LocalDate.parse("2026-03-10");
    /** Noon on the test date: well inside the infectious period (from two days before). */
    static final int CONTACT_INTERVAL = EnIntervals.startOfDay(TEST_DATE) + 72;
    /** The wall clock the topology runs at: the day after the test date. */
    static final Instant NOW = EnIntervals.start(EnIntervals.startOfDay(TEST_DATE.plusDays(1)) + 60);

    TopologyTestDriver driver;
    TestInputTopic<String, SightingRecorded> sightings;
    TestInputTopic<String, PublishedRpi> publications;
    TestOutputTopic<String, ContactFound> contacts;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    final UUID caseId = UUID.randomUUID();
    final UUID f0Device = UUID.randomUUID();
    final byte[] f0Key = ExposureCrypto.newTemporaryExposureKey();

    @BeforeEach
    void start() throws Exception {
        start(DEFAULTS);
    }

    private void start(MatchingProperties properties) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        new MatchingTopology(properties, meters).addTo(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "matching-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Path stateDir = Files.createTempDirectory("matching-test");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config, NOW);
        sightings = driver.createInputTopic(Topics.SIGHTINGS, new StringSerializer(), new SightingSerde());
        publications = driver.createInputTopic(Topics.PUBLISHED_RPIS, new StringSerializer(), new PublishedRpiSerde());
        contacts = driver.createOutputTopic(Topics.CONTACTS, new StringDeserializer(), new JsonSerde<>(ContactFound.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void thirtyNearMinutesMakeAnF1WithTheExposureDay() {
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL, 30, 50);
        publishKeys();

        List<ContactFound> found = contacts.readValuesToList();
        assertThat(found).singleElement().satisfies(contact -> {
            assertThat(contact.deviceId()).isEqualTo(device);
            assertThat(contact.caseId()).isEqualTo(caseId);
            assertThat(contact.level()).isEqualTo(ContactLevel.F1);
            assertThat(contact.exposureDate()).isEqualTo(TEST_DATE);
            // found when the running total first reaches 15: after the second 10-minute sighting
            assertThat(contact.weightedMinutes()).isEqualTo(20.0);
        });
        assertThat(meters.counter("bluezone.contacts.found", "level", "F1").count()).isEqualTo(1.0);
    }

    @Test
    void contactFindingLatencyIsTheTimeSinceTheUploadThatCompletedTheContactPerLevel() {
        UUID f1 = UUID.randomUUID();
        see(f1, CONTACT_INTERVAL, 30, 50);
        publishKeysUploadedAt(NOW.minusSeconds(3));
        byte[] f1Key = ExposureCrypto.newTemporaryExposureKey();
        UUID f2 = UUID.randomUUID();
        see(f2, f1Key, CONTACT_INTERVAL + 12, 30, 60);
        upload(keysOf(f1, ContactLevel.F1, f1Key, CONTACT_INTERVAL, NOW.minusSeconds(40)));

        assertThat(contacts.readValuesToList()).extracting(ContactFound::level).containsExactly(ContactLevel.F1, ContactLevel.F2);
        Timer f1Latency = meters.get("bluezone.contacts.latency").tag("level", "F1").timer();
        Timer f2Latency = meters.get("bluezone.contacts.latency").tag("level", "F2").timer();
        assertThat(f1Latency.count()).isEqualTo(1);
        assertThat(f1Latency.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(f2Latency.count()).isEqualTo(1);
        assertThat(f2Latency.totalTime(TimeUnit.SECONDS)).isEqualTo(40.0);
        assertThat(meters.get("bluezone.contacts.found").tag("level", "F2").counter().count()).isEqualTo(1.0);
    }

    @Test
    void sightingsUploadedAfterTheKeysStillMatch() {
        publishKeys();
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL, 40, 70);

        assertThat(contacts.readValuesToList()).singleElement()
                .satisfies(contact -> assertThat(contact.weightedMinutes()).isEqualTo(15.0));
    }

    @Test
    void shortFarOrEarlyContactsAreNotF1() {
        see(UUID.randomUUID(), CONTACT_INTERVAL, 10, 50);
        see(UUID.randomUUID(), CONTACT_INTERVAL, 20, 70);
        see(UUID.randomUUID(), CONTACT_INTERVAL, 60, 80);
        see(UUID.randomUUID(), EnIntervals.startOfDay(TEST_DATE.minusDays(5)) + 72, 60, 50);
        publishKeys();

        assertThat(contacts.isEmpty()).isTrue();
    }

    @Test
    void minutesOnDifferentDaysDoNotAddUp() {
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL - 144, 10, 50);
        see(device, CONTACT_INTERVAL, 10, 50);
        publishKeys();

        assertThat(contacts.isEmpty()).isTrue();
    }

    @Test
    void reUploadedKeysAndRepeatedSightingsAlertOnce() {
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL, 30, 50);
        publishKeys();
        publishKeys();
        see(device, CONTACT_INTERVAL, 30, 50);
        see(device, CONTACT_INTERVAL + 6, 30, 50);

        assertThat(contacts.readValuesToList()).hasSize(1);
    }

    @Test
    void repeatedSightingsOfOneObservationCountOnce() {
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL, 10, 50);
        see(device, CONTACT_INTERVAL, 10, 50);
        publishKeys();

        assertThat(contacts.isEmpty()).isTrue();
    }

    @Test
    void theUploaderIsNeverItsOwnContact() {
        see(f0Device, CONTACT_INTERVAL, 60, 40);
        publishKeys();

        assertThat(contacts.isEmpty()).isTrue();
    }

    @Test
    void sightingsMatchWithinTheIntervalToleranceOnly() {
        UUID skewed = UUID.randomUUID();
        UUID tooFar = UUID.randomUUID();
        byte[] rpik = ExposureCrypto.rollingProximityIdentifierKey(f0Key);
        byte[] rpi = ExposureCrypto.rollingProximityIdentifier(rpik, CONTACT_INTERVAL);
        sightings.pipeInput(Rpis.toKey(rpi), new SightingRecorded(skewed, rpi, CONTACT_INTERVAL + 12, 900, 50));
        sightings.pipeInput(Rpis.toKey(rpi), new SightingRecorded(skewed, rpi, CONTACT_INTERVAL + 11, 900, 50));
        sightings.pipeInput(Rpis.toKey(rpi), new SightingRecorded(tooFar, rpi, CONTACT_INTERVAL + 13, 900, 50));
        sightings.pipeInput(Rpis.toKey(rpi), new SightingRecorded(tooFar, rpi, CONTACT_INTERVAL + 14, 900, 50));
        publishKeys();

        assertThat(contacts.readValuesToList()).extracting(ContactFound::deviceId).containsOnly(skewed);
    }

    /** Records {@code minutes} of contact with the F0 starting at {@code interval}, as 10-minute sightings of its RPIs. */
    private void see(UUID device, int interval, int minutes, int attenuationDb) {
        see(device, f0Key, interval, minutes, attenuationDb);
    }

    private void see(UUID device, byte[] broadcasterKey, int interval, int minutes, int attenuationDb) {
        byte[] rpik = ExposureCrypto.rollingProximityIdentifierKey(broadcasterKey);
        for (int done = 0, i = interval; done < minutes; done += 10, i++) {
            byte[] rpi = ExposureCrypto.rollingProximityIdentifier(rpik, i);
            int seconds = Math.min(10, minutes - done) * 60;
            sightings.pipeInput(Rpis.toKey(rpi), new SightingRecorded(device, rpi, i, seconds, attenuationDb));
        }
    }

    /** The F0's keys for the 8 days up to the test date, as an upload after verification would publish them. */
    private void publishKeys() {
        publish(f0Device, ContactLevel.F0, f0Key, EnIntervals.startOfDay(TEST_DATE.minusDays(2)));
    }

    private void publishKeysUploadedAt(Instant uploadedAt) {
        upload(keysOf(f0Device, ContactLevel.F0, f0Key,
                EnIntervals.startOfDay(TEST_DATE.minusDays(2)), uploadedAt));
    }

    /** An uploader's keys (the same key every day, for brevity), counting from {@code infectiousFrom}. */
    private void publish(UUID uploader, ContactLevel level, byte[] key, int infectiousFrom) {
        upload(keysOf(uploader, level, key, infectiousFrom, NOW));
    }

    /** What the upload-service sends for an accepted key upload: its RPIs. */
    private void upload(DiagnosisKeysPublished keys) {
        PublishedRpi.of(keys).forEach(rpi -> publications.pipeInput(rpi.rpi(), rpi.publication()));
    }

    private DiagnosisKeysPublished keysOf(UUID uploader, ContactLevel level, byte[] key, int infectiousFrom, Instant uploadedAt) {
        List<DiagnosisKeysPublished.Key> published = java.util.stream.IntStream.range(0, 8)
                .mapToObj(d -> new DiagnosisKeysPublished.Key(key, EnIntervals.startOfDay(TEST_DATE.minusDays(d)), 144))
                .toList();
        List<UUID> excluded = level == ContactLevel.F0 ? List.of(uploader) : List.of(uploader, f0Device);
        return new DiagnosisKeysPublished(UUID.randomUUID(), caseId, uploader, level, infectiousFrom, excluded,
                published, uploadedAt);
    }

    /** Makes {@code device} an F1 of the case at CONTACT_INTERVAL and publishes its keys as its alert allows. */
    private byte[] f1Uploads(UUID device) {
        see(device, CONTACT_INTERVAL, 30, 50);
        publishKeys();
        ContactFound f1 = contacts.readValuesToList().stream().filter(c -> c.deviceId().equals(device)).findFirst().orElseThrow();
        byte[] key = ExposureCrypto.newTemporaryExposureKey();
        publish(device, ContactLevel.F1, key, f1.firstExposureInterval());
        return key;
    }

    @Test
    void anF1sContactAfterItsExposureIsAnF2ThroughIt() {
        UUID f1 = UUID.randomUUID();
        UUID f2 = UUID.randomUUID();
        byte[] f1Key = f1Uploads(f1);
        see(f2, f1Key, CONTACT_INTERVAL + 12, 30, 60);

        assertThat(contacts.readValuesToList()).singleElement().satisfies(contact -> {
            assertThat(contact.deviceId()).isEqualTo(f2);
            assertThat(contact.level()).isEqualTo(ContactLevel.F2);
            assertThat(contact.viaDeviceId()).isEqualTo(f1);
            assertThat(contact.caseId()).isEqualTo(caseId);
        });
    }

    @Test
    void anF1CannotPassOnWhatItDidNotYetHave() {
        UUID f1 = UUID.randomUUID();
        byte[] f1Key = f1Uploads(f1);
        see(UUID.randomUUID(), f1Key, CONTACT_INTERVAL - 20, 60, 50);

        assertThat(contacts.isEmpty()).isTrue();
    }

    @Test
    void aDeviceReachedThroughSeveralF1sGetsOneF2() {
        UUID f2 = UUID.randomUUID();
        byte[] firstKey = f1Uploads(UUID.randomUUID());
        byte[] secondKey = f1Uploads(UUID.randomUUID());
        see(f2, firstKey, CONTACT_INTERVAL + 12, 30, 50);
        see(f2, secondKey, CONTACT_INTERVAL + 20, 30, 50);

        assertThat(contacts.readValuesToList()).filteredOn(c -> c.deviceId().equals(f2)).singleElement()
                .satisfies(contact -> assertThat(contact.level()).isEqualTo(ContactLevel.F2));
    }

    @Test
    void anF1IsNeverAlsoF2AndAnF2WhoProvesF1IsUpgraded() {
        UUID f1 = UUID.randomUUID();
        UUID alsoF1 = UUID.randomUUID();
        UUID upgraded = UUID.randomUUID();
        see(alsoF1, CONTACT_INTERVAL, 30, 50);
        byte[] f1Key = f1Uploads(f1);
        see(alsoF1, f1Key, CONTACT_INTERVAL + 12, 30, 50);
        see(upgraded, f1Key, CONTACT_INTERVAL + 12, 30, 50);
        see(upgraded, CONTACT_INTERVAL + 30, 30, 50);

        List<ContactFound> found = contacts.readValuesToList();
        assertThat(found).filteredOn(c -> c.deviceId().equals(alsoF1)).isEmpty();
        assertThat(found).filteredOn(c -> c.deviceId().equals(upgraded)).extracting(ContactFound::level)
                .containsExactly(ContactLevel.F2, ContactLevel.F1);
    }

    @Test
    void theCasesF0IsNeverItsF2() {
        byte[] f1Key = f1Uploads(UUID.randomUUID());
        see(f0Device, f1Key, CONTACT_INTERVAL + 12, 60, 40);

        assertThat(contacts.isEmpty()).isTrue();
    }

    @Test
    void anEarlierExposureArrivingAfterTheAlertCorrectsTheF1sStart() {
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL, 20, 50);
        publishKeys();
        see(device, CONTACT_INTERVAL - 30, 10, 50);  // arrives late, happened earlier
        see(device, CONTACT_INTERVAL - 40, 10, 90);  // earlier, but too far to count
        see(device, CONTACT_INTERVAL + 20, 10, 50);  // later: changes nothing

        List<ContactFound> found = contacts.readValuesToList();
        assertThat(found).extracting(ContactFound::firstExposureInterval)
                .containsExactly(CONTACT_INTERVAL, CONTACT_INTERVAL - 30);
        assertThat(found).extracting(ContactFound::contactId).containsOnly(found.get(0).contactId());
        assertThat(found).extracting(ContactFound::level).containsOnly(ContactLevel.F1);
        assertThat(meters.counter("bluezone.contacts.found", "level", "F1").count()).isEqualTo(1.0);
    }

    @Test
    void sightingsOlderThanTheRetentionNeverMatchAndAreDeleted() {
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL, 30, 50);
        KeyValueStore<String, Object> rpiState = driver.getKeyValueStore(RpiJoinProcessor.STORE);
        String rpi = Rpis.toKey(ExposureCrypto.rollingProximityIdentifier(
                ExposureCrypto.rollingProximityIdentifierKey(f0Key), CONTACT_INTERVAL));
        assertThat(rpiState.get(rpi)).isNotNull();

        driver.advanceWallClockTime(Duration.ofDays(15)); // the test date is now 16 days ago
        publishKeys();

        assertThat(contacts.isEmpty()).isTrue();
        assertThat(rpiState.get(rpi)).isNull();
    }

    @Test
    void exposureStateIsForgottenAfterTheRetention() {
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL, 10, 50);
        publishKeys();
        KeyValueStore<String, Object> exposures = driver.getKeyValueStore(ExposureAggregator.STORE);
        assertThat(exposures.get(device + "|" + caseId)).isNotNull();

        driver.advanceWallClockTime(Duration.ofDays(15));

        assertThat(exposures.get(device + "|" + caseId)).isNull();
    }

    @Test
    void anF1AlertCarriesItsFirstExposureInterval() {
        UUID device = UUID.randomUUID();
        see(device, CONTACT_INTERVAL - 5, 10, 90); // too far to count: not the start of the exposure
        see(device, CONTACT_INTERVAL + 3, 10, 50);
        see(device, CONTACT_INTERVAL, 20, 50);
        publishKeys();

        assertThat(contacts.readValuesToList()).singleElement()
                .satisfies(contact -> assertThat(contact.firstExposureInterval()).isEqualTo(CONTACT_INTERVAL));
    }

    @Test
    void sixPhonesReportingOneRpiAtThousandsOfIntervalsKeepItsStateSmallAndTheProbeStillMatches() {
        byte[] hotRpi = ExposureCrypto.rollingProximityIdentifier(ExposureCrypto.rollingProximityIdentifierKey(
                ExposureCrypto.newTemporaryExposureKey()), CONTACT_INTERVAL);
        for (int device = 0; device < 6; device++) {
            UUID attacker = UUID.randomUUID();
            for (int i = 0; i < 2000; i++) {
                sightings.pipeInput(Rpis.toKey(hotRpi), new SightingRecorded(attacker, hotRpi, CONTACT_INTERVAL - 1000 + i, 900, 40));
            }
        }
        UUID probe = UUID.randomUUID();
        see(probe, CONTACT_INTERVAL, 30, 50);
        publishKeys();

        assertThat(contacts.readValuesToList()).singleElement()
                .satisfies(contact -> assertThat(contact.deviceId()).isEqualTo(probe));
        KeyValueStore<String, RpiState> rpiState = driver.getKeyValueStore(RpiJoinProcessor.STORE);
        assertThat(rpiState.get(Rpis.toKey(hotRpi)).sightings()).as("3 intervals per phone").hasSize(18);
        assertThat(meters.counter("bluezone.matching.rpi_overflow", "cap", "device").count()).isEqualTo(6 * 1997.0);
    }

    @Test
    void anRpiKeepsAtMostItsCapOfSightingsWhateverArrives() throws Exception {
        driver.close();
        start(withCaps(50, 3, 20, 15));
        byte[] rpi = ExposureCrypto.rollingProximityIdentifier(ExposureCrypto.rollingProximityIdentifierKey(f0Key), CONTACT_INTERVAL);
        for (int i = 0; i < 80; i++) {
            sightings.pipeInput(Rpis.toKey(rpi), new SightingRecorded(UUID.randomUUID(), rpi, CONTACT_INTERVAL, 60, 50));
        }
        KeyValueStore<String, RpiState> rpiState = driver.getKeyValueStore(RpiJoinProcessor.STORE);
        assertThat(rpiState.get(Rpis.toKey(rpi)).sightings()).hasSize(50);
        assertThat(meters.counter("bluezone.matching.rpi_overflow", "cap", "rpi").count()).isEqualTo(30.0);
    }

    @Test
    void oneRpiCountsAtMostItsCapOfMinutesHoweverManyIntervalsItIsReportedAt() throws Exception {
        driver.close();
        start(withCaps(1000, 3, 20, 30));
        byte[] rpik = ExposureCrypto.rollingProximityIdentifierKey(f0Key);
        byte[] once = ExposureCrypto.rollingProximityIdentifier(rpik, CONTACT_INTERVAL);
        UUID replayer = UUID.randomUUID();
        UUID realContact = UUID.randomUUID();
        for (int i = 0; i < 3; i++) { // 3 × 15 minutes of one RPI: 45 minutes if not capped
            sightings.pipeInput(Rpis.toKey(once), new SightingRecorded(replayer, once, CONTACT_INTERVAL + i, 900, 50));
            sightings.pipeInput(Rpis.toKey(once), new SightingRecorded(realContact, once, CONTACT_INTERVAL + i, 900, 50));
        }
        byte[] next = ExposureCrypto.rollingProximityIdentifier(rpik, CONTACT_INTERVAL + 1);
        sightings.pipeInput(Rpis.toKey(next), new SightingRecorded(realContact, next, CONTACT_INTERVAL + 1, 600, 50));
        publishKeys();

        assertThat(contacts.readValuesToList()).as("20 minutes are below the threshold of 30; 20 + 10 reach it")
                .singleElement().satisfies(contact -> {
                    assertThat(contact.deviceId()).isEqualTo(realContact);
                    assertThat(contact.weightedMinutes()).isEqualTo(30.0);
                });
    }

    @Test
    void aMorningBusRideAcrossTheUtcMidnightIsOneLocalDayAndMakesAnF1() {
        // 06:40-07:20 in Ho Chi Minh City is 23:40-00:20 UTC: 4 intervals of 7 minutes, 14 + 14 per UTC day.
        int sevenLocal = EnIntervals.startOfDay(TEST_DATE); // 00:00 UTC = 07:00 local
        UUID rider = UUID.randomUUID();
        for (int i = sevenLocal - 2; i < sevenLocal + 2; i++) {
            byte[] rpi = ExposureCrypto.rollingProximityIdentifier(ExposureCrypto.rollingProximityIdentifierKey(f0Key), i);
            sightings.pipeInput(Rpis.toKey(rpi), new SightingRecorded(rider, rpi, i, 420, 50));
        }
        publishKeys();

        assertThat(contacts.readValuesToList()).singleElement().satisfies(contact -> {
            assertThat(contact.deviceId()).isEqualTo(rider);
            assertThat(contact.weightedMinutes()).as("the total when it crossed 15").isEqualTo(21.0);
            assertThat(contact.exposureDate()).as("the local date of the ride").isEqualTo(TEST_DATE);
        });
    }

    @Test
    void minutesOnBothSidesOfTheLocalMidnightAreTwoDays() {
        // 23:40-00:20 local is 16:40-17:20 UTC: one UTC day, two local days of 14 minutes each.
        int localMidnight = EnIntervals.startOfDay(TEST_DATE) + 102; // 17:00 UTC
        UUID nightOwl = UUID.randomUUID();
        for (int i = localMidnight - 2; i < localMidnight + 2; i++) {
            byte[] rpi = ExposureCrypto.rollingProximityIdentifier(ExposureCrypto.rollingProximityIdentifierKey(f0Key), i);
            sightings.pipeInput(Rpis.toKey(rpi), new SightingRecorded(nightOwl, rpi, i, 420, 50));
        }
        publishKeys();

        assertThat(contacts.isEmpty()).isTrue();
    }

    private static MatchingProperties withCaps(int maxSightingsPerRpi, int maxIntervalsPerDevice, double maxMinutesPerRpi,
            double threshold) {
        return new MatchingProperties(12, threshold, 63, 1.0, 73, 0.5, 4, (short) 1, 14, Duration.ofHours(1),
                Duration.ofSeconds(1), 5000, ZoneId.of("Asia/Ho_Chi_Minh"), maxSightingsPerRpi, maxIntervalsPerDevice,
                maxMinutesPerRpi);
    }
}
