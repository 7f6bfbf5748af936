package vn.bluezone.upload.sightings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.Accepted;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.Rpis;
import vn.bluezone.protocol.events.SightingRecorded;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.EventPublisher;
import vn.bluezone.upload.support.EventPublisher.Event;
import vn.bluezone.upload.support.Problems;

/**
 * Phones upload the RPIs they heard; each becomes one Kafka record keyed by the RPI. A batch that
 * reports what no real phone hears (one RPI at intervals far apart) is refused whole.
 */
@RestController
class SightingController {

    private final EventPublisher publisher;
    private final IngestLimit limit;
    private final UploadProperties properties;
    private final Clock clock;
    private final Counter accepted;

    SightingController(EventPublisher publisher, IngestLimit limit, UploadProperties properties, Clock clock,
            MeterRegistry meters) {
        this.publisher = publisher;
        this.limit = limit;
        this.properties = properties;
        this.clock = clock;
        this.accepted = Counter.builder("bluezone.sightings.accepted")
                .description("Sightings acknowledged by Kafka").register(meters);
    }

    @PostMapping("/api/v1/sightings")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> upload(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId,
            @Valid @RequestBody SightingBatch batch) {
        int latest = EnIntervals.of(clock.instant()) + properties.maxFutureIntervals();
        int oldest = EnIntervals.startOfDay(EnIntervals.today().minusDays(properties.retentionDays()));
        List<Event> events = new ArrayList<>(batch.sightings().size());
        Map<String, int[]> firstSeenOfRpi = new HashMap<>(); // RPI -> {interval, index} of its first sighting
        for (int i = 0; i < batch.sightings().size(); i++) {
            SightingBatch.Sighting sighting = batch.sightings().get(i);
            String problem = sighting == null ? "must not be null" : sighting.problem();
            if (problem != null) {
                throw Problems.badRequest("sightings[" + i + "]" + (sighting == null ? " " : ".") + problem);
            }
            String rpi = Rpis.toKey(sighting.rpi());
            int[] first = firstSeenOfRpi.putIfAbsent(rpi, new int[] {sighting.interval(), i});
            if (first != null && Math.abs(sighting.interval() - first[0]) > properties.maxRpiIntervalSpread()) {
                throw Problems.badRequest("sightings[" + i + "] reports the RPI of sightings[" + first[1] + "] "
                        + Math.abs(sighting.interval() - first[0]) + " intervals apart: an RPI is broadcast for one "
                        + "interval, so one batch may report it at most " + properties.maxRpiIntervalSpread() + " apart");
            }
            if (sighting.interval() > latest) {
                throw Problems.badRequest("sightings[" + i + "].interval is in the future");
            }
            if (sighting.interval() < oldest) {
                throw Problems.badRequest("sightings[" + i + "].interval is older than the "
                        + properties.retentionDays() + "-day retention");
            }
            events.add(new Event(Topics.SIGHTINGS, rpi, new SightingRecorded(deviceId,
                    sighting.rpi(), sighting.interval(), sighting.durationSeconds(), sighting.attenuationDb())));
        }
        return limit.within(events.size(), () -> publisher.publishAll(events))
                .doOnSuccess(done -> accepted.increment(events.size()))
                .thenReturn(new Accepted(events.size()));
    }
}
