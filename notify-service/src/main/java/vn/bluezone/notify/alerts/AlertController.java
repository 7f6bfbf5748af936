package vn.bluezone.notify.alerts;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.notify.NotifyProperties;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.events.ContactLevel;

/** Phones poll their own alerts; the device id comes from the gateway, never from the client. */
@RestController
class AlertController {

    private final AlertInbox inbox;
    private final UploadGrants grants;
    private final NotifyProperties properties;

    AlertController(AlertInbox inbox, UploadGrants grants, NotifyProperties properties) {
        this.inbox = inbox;
        this.grants = grants;
        this.properties = properties;
    }

    @GetMapping("/api/v1/alerts")
    Mono<AlertList> alerts(@RequestHeader(GatewayHeaders.DEVICE_ID) UUID deviceId) {
        return inbox.ofDevice(deviceId)
                .map(alert -> new AlertList.Alert(alert.alertId(), alert.level(), alert.exposureDate(),
                        alert.weightedMinutes(), alert.createdAt(), uploadToken(alert)))
                .collectList()
                .map(AlertList::new);
    }

    /**
     * An F1 may publish its keys once, counting from its first exposure. The grant id is the alert id
     * and that start, so the token is the same on every poll and the upload-service accepts it once; if
     * an earlier exposure turns up later, the start moves and a new token lets the phone publish again.
     */
    private String uploadToken(AlertInbox.StoredAlert alert) {
        if (!ContactLevel.F1.name().equals(alert.level())) {
            return null;
        }
        return grants.issue(new UploadGrant(alert.alertId() + ":" + alert.firstExposureInterval(), alert.deviceId(), alert.caseId(), ContactLevel.F1,
                alert.firstExposureInterval(), alert.createdAt(), alert.createdAt().plus(properties.uploadTokenValidity())));
    }
}
