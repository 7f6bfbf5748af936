package vn.bluezone.notify.alerts;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.auth.GatewayHeaders;

/** Phones poll their own alerts; the device id comes from the gateway, never from the client. */
@RestController
class AlertController {

    private final AlertInbox inbox;

    AlertController(AlertInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/v1/alerts")
    Mono<AlertList> alerts(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId) {
        return inbox.ofDevice(deviceId)
                .map(alert -> new AlertList.Alert(alert.alertId(), alert.level(), alert.exposureDate(),
                        alert.weightedMinutes(), alert.createdAt()))
                .collectList()
                .map(AlertList::new);
    }
}
