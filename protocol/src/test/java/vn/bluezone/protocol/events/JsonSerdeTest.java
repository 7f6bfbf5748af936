package vn.bluezone.protocol.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    @Test
    void eventsRoundTripWithBase64BytesAndIsoDates() {
        JsonSerde<DiagnosisKeysPublished> serde = new JsonSerde<>(DiagnosisKeysPublished.class);
        DiagnosisKeysPublished event = new DiagnosisKeysPublished(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                ContactLevel.F0, 100, List.of(), List.of(new DiagnosisKeysPublished.Key(new byte[] {1, 2, 3}, 144, 144)),
                Instant.parse("2026-01-01T00:00:00Z"));

        byte[] json = serde.serialize("t", event);
        DiagnosisKeysPublished back = serde.deserialize("t", json);

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"AQID\"").contains("2026-01-01T00:00:00Z");
        assertThat(back.keys().get(0).key()).containsExactly(1, 2, 3);
        assertThat(back.caseId()).isEqualTo(event.caseId());
    }

    @Test
    void caseEventsNameTheirTypeAndAnEventOfTheFirstVersionIsACaseOpened() {
        JsonSerde<CaseEvent> serde = new JsonSerde<>(CaseEvent.class);
        UUID caseId = UUID.randomUUID();
        CodeRedeemed redeemed = new CodeRedeemed(caseId, Instant.parse("2026-01-01T00:00:00Z"));
        // Producers serialize the concrete record (the upload-service's serde takes any object).
        byte[] json = new JsonSerde<>(CodeRedeemed.class).serialize("t", redeemed);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"type\":\"code-redeemed\"");
        assertThat(serde.deserialize("t", json)).isEqualTo(redeemed);
        CaseOpened opened = new CaseOpened(caseId, "11", Instant.EPOCH, LocalDate.parse("2026-03-04"));
        assertThat(serde.deserialize("t", new JsonSerde<>(Object.class).serialize("t", opened))).isEqualTo(opened);
        String firstVersion = "{\"caseId\":\"" + caseId + "\",\"provinceCode\":\"01\",\"openedAt\":\"2026-01-01T00:00:00Z\"}";
        assertThat(serde.deserialize("t", firstVersion.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new CaseOpened(caseId, "01", Instant.parse("2026-01-01T00:00:00Z"), null));
    }

    @Test
    void contactDatesAreIsoStrings() {
        JsonSerde<ContactFound> serde = new JsonSerde<>(ContactFound.class);
        ContactFound found = new ContactFound(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), ContactLevel.F2,
                UUID.randomUUID(), LocalDate.parse("2026-03-04"), 30.0, 7, Instant.EPOCH);
        assertThat(new String(serde.serialize("t", found), StandardCharsets.UTF_8)).contains("\"2026-03-04\"");
        assertThat(serde.deserialize("t", serde.serialize("t", found))).isEqualTo(found);
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        JsonSerde<ContactFound> serde = new JsonSerde<>(ContactFound.class);
        ContactFound found = new ContactFound(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), ContactLevel.F1,
                null, LocalDate.parse("2026-03-04"), 16.0, 7, Instant.EPOCH);
        String json = new String(serde.serialize("t", found), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"addedLater\":true,");
        assertThat(serde.deserialize("t", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(found);
    }

    @Test
    void malformedPayloadIsASerializationError() {
        JsonSerde<ContactFound> serde = new JsonSerde<>(ContactFound.class);
        assertThatThrownBy(() -> serde.deserialize("t", "{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
