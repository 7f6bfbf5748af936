package vn.bluezone.protocol.api;

import java.util.UUID;

public record DeviceRegistered(UUID deviceId, String deviceToken) {
}
