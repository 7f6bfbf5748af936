package vn.bluezone.protocol.api;

import java.time.Instant;

public record OfficialSession(String token, Instant expiresAt) {
}
