package vn.bluezone.protocol.api;

import java.time.Instant;

public record UploadAuthorization(String uploadToken, Instant expiresAt) {
}
