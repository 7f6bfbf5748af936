package vn.bluezone.upload.devices;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.protocol.provinces.AdministrativeUnits;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.AttemptWindows;
import vn.bluezone.upload.support.Problems;

/**
 * A new install registers once and gets the device token it sends on every later call. No list of
 * devices is kept: the token is signed, and registrations are counted per day and province. Registrations
 * are limited per client address (across every instance), so one machine cannot make itself the many
 * devices that code guessing or sighting floods need.
 */
@RestController
class DeviceController {

    private static final int COUNT_SHARDS = 16;

    private final DatabaseClient db;
    private final BearerTokens tokens;
    private final Clock clock;
    private final Counter registrations;
    private final Counter refused;
    private final AttemptWindows attempts;
    private final AttemptWindows.Limit perAddress;
    private final UploadProperties properties;
    private final AdministrativeUnits provinces;

    DeviceController(DatabaseClient db, BearerTokens tokens, Clock clock, MeterRegistry meters, AttemptWindows attempts,
            UploadProperties properties, AdministrativeUnits provinces) {
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
        this.registrations = Counter.builder("bluezone.devices.registered")
                .description("Devices registered").register(meters);
        this.refused = Counter.builder("bluezone.devices.registrations.limited")
                .description("Registrations refused by the per-address limit").register(meters);
        this.attempts = attempts;
        this.properties = properties;
        this.perAddress = new AttemptWindows.Limit("register-address", properties.registrationsPerAddress(),
                properties.registrationWindow());
        this.provinces = provinces;
    }

    @PostMapping("/api/v1/devices")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<DeviceRegistered> register(@Valid @RequestBody DeviceRegistration registration,
            @RequestHeader(value = GatewayHeaders.CLIENT_ADDRESS, required = false) String clientAddress) {
        Problems.requireProvince(provinces, registration.provinceCode(), true);
        return attempts.take(perAddress, ClientAddresses.limitKey(clientAddress))
                .flatMap(wait -> {
                    refused.increment();
                    return Mono.<DeviceRegistered>error(Problems.tooManyRequests(
                            "Too many registrations from this address; try again later", wait));
                })
                .switchIfEmpty(Mono.defer(() -> insert(registration)));
    }

    /**
     * Counts the registration per day, province and platform, in one of {@link #COUNT_SHARDS} rows so
     * concurrent registrations seldom wait for each other's lock; the device id is in its token only.
     */
    private Mono<DeviceRegistered> insert(DeviceRegistration registration) {
        UUID deviceId = UUID.randomUUID();
        return db.sql("INSERT INTO upload.registration_count (day, province_code, platform, shard, registrations) "
                        + "VALUES (:day, :province, :platform, :shard, 1) ON CONFLICT (day, province_code, platform, shard) "
                        + "DO UPDATE SET registrations = registration_count.registrations + 1")
                .bind("day", properties.statisticsToday(clock))
                .bind("province", registration.provinceCode() == null ? "" : registration.provinceCode())
                .bind("platform", registration.platform())
                .bind("shard", (short) ThreadLocalRandom.current().nextInt(COUNT_SHARDS))
                .then()
                .doOnSuccess(done -> registrations.increment())
                .thenReturn(new DeviceRegistered(deviceId,
                        tokens.issue(Principal.device(deviceId.toString(), registration.provinceCode()), null)));
    }
}
