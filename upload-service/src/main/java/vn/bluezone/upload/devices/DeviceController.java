package vn.bluezone.upload.devices;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/** A new install registers once and gets the device token it sends on every later call. */
@RestController
class DeviceController {

    private final DatabaseClient db;
    private final BearerTokens tokens;
    private final Clock clock;
    private final Counter registrations;

    DeviceController(DatabaseClient db, BearerTokens tokens, Clock clock, MeterRegistry meters) {
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
        this.registrations = meters.counter("bluezone.devices.registered");
    }

    @PostMapping("/api/v1/devices")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<DeviceRegistered> register(@Valid @RequestBody DeviceRegistration registration) {
        UUID deviceId = UUID.randomUUID();
        return db.sql("INSERT INTO upload.device (id, platform, province_code, registered_at) "
                        + "VALUES (:id, :platform, :province, :at)")
                .bind("id", deviceId)
                .bind("platform", registration.platform())
                .bind("province", Parameter.fromOrEmpty(registration.provinceCode(), String.class))
                .bind("at", clock.instant())
                .then()
                .doOnSuccess(done -> registrations.increment())
                .thenReturn(new DeviceRegistered(deviceId,
                        tokens.issue(new Principal(Role.DEVICE, deviceId.toString()), null)));
    }
}
