package vn.bluezone.notify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code bluezone.notify.*}; documented in application.yml and docs/operations.md. */
@Validated
@ConfigurationProperties("bluezone.notify")
public record NotifyProperties(@NotBlank String f1GrantKeys, @NotNull Duration uploadTokenValidity,
        @NotNull @Valid UploadTokenCache uploadTokenCache, @Min(15) @Max(3650) int caseRetentionDays,
        @NotNull Duration retentionInterval) {

    /** Signed F1 upload tokens kept in memory, so that a grant is signed once rather than per poll. */
    public record UploadTokenCache(@Min(1) long maximumSize, @NotNull Duration expireAfterAccess) {
    }
}
