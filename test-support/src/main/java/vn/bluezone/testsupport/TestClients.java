package vn.bluezone.testsupport;

import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** HTTP clients for tests against a running server. */
public final class TestClients {

    /**
     * Tests are functional, not timing: on a busy 2-core machine (CI) one answer can take seconds, and
     * WebTestClient's own default (5 s) failed a CI run on a request that was merely slow.
     */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private TestClients() {
    }

    /** {@link WebTestClient#bindToServer()} with {@link #RESPONSE_TIMEOUT}. */
    public static WebTestClient.Builder bindToServer() {
        return WebTestClient.bindToServer().responseTimeout(RESPONSE_TIMEOUT);
    }
}
