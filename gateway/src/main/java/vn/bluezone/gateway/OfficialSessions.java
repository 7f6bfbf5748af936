package vn.bluezone.gateway;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.OfficialAccount;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.OfficialScope;
import vn.bluezone.protocol.auth.Principal;

/**
 * Whether an official's account is still active, and its roles and provinces, asked of the
 * upload-service (which holds the accounts) before the gateway acts for an official token, and
 * remembered for a few seconds: a disabled account's unexpired tokens stop working, and an edited
 * account's new scope holds, within that time. Officials make few calls, so the extra hop costs little;
 * phones never take this path.
 */
@Component
class OfficialSessions {

    /** The upload-service could not say: the caller gets 503, never the benefit of the doubt. */
    static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("The account check is unavailable", cause);
        }
    }

    private final WebClient uploadService;
    private final AsyncCache<String, Optional<OfficialScope>> active;

    OfficialSessions(GatewayProperties properties) {
        this.uploadService = WebClient.create(properties.uploadServiceUrl());
        this.active = Caffeine.newBuilder().expireAfterWrite(properties.officialSessionCheckTtl()).maximumSize(10_000)
                .buildAsync();
    }

    /**
     * The account's scope while it is active, empty once it is not; errors with {@link Unavailable}
     * when the upload-service cannot tell.
     */
    Mono<Optional<OfficialScope>> scopeOf(Principal official, IdentityAssertions assertions) {
        return Mono.fromFuture(active.get(official.subject(), (name, executor) -> ask(official, assertions).toFuture()));
    }

    private Mono<Optional<OfficialScope>> ask(Principal official, IdentityAssertions assertions) {
        return uploadService.get().uri("/api/v1/official/session")
                .header(GatewayHeaders.OFFICIAL, official.subject())
                .header(GatewayHeaders.ASSERTION, assertions.issue(official))
                .exchangeToMono(response -> {
                    HttpStatus status = HttpStatus.resolve(response.statusCode().value());
                    if (status == HttpStatus.OK) {
                        return response.bodyToMono(OfficialAccount.class).map(account -> Optional.of(account.scope()));
                    }
                    Mono<Void> drained = response.releaseBody();
                    if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN) {
                        return drained.thenReturn(Optional.<OfficialScope>empty());
                    }
                    return drained.then(Mono.error(new Unavailable(new IllegalStateException("HTTP " + status))));
                })
                .timeout(Duration.ofSeconds(5))
                .onErrorMap(error -> !(error instanceof Unavailable), Unavailable::new);
    }
}
