package vn.bluezone.gateway;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.auth.JwtKeys;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.OfficialScope;
import vn.bluezone.protocol.auth.PortalSessions;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.testsupport.TestKeys;

/** The gateway in front of a real HTTP server that records what reached it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "bluezone.gateway.answer-polls-without-alerts=false",
        "bluezone.gateway.rate-limits.verify.capacity=3",
        "bluezone.gateway.rate-limits.sightings.capacity=3",
        "bluezone.gateway.official-session-check-ttl=1s",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=3s",
        "logging.structured.format.console="})
class GatewayFiltersTest {

    static final List<HttpHeaders> RECEIVED = new CopyOnWriteArrayList<>();
    /** Officials whose accounts the backend, as the upload-service, says are disabled. */
    static final Set<String> DISABLED = ConcurrentHashMap.newKeySet();
    /** Roles and provinces of accounts as the backend tells them (JSON); others are health officials of 11. */
    static final Map<String, String> SCOPES = new ConcurrentHashMap<>();
    /** Devices for which the backend never answers, or sends its headers and then nothing. */
    static final String HANGS_BEFORE_ANSWERING = "hangs-before-answering";
    static final String HANGS_AFTER_HEADERS = "hangs-after-headers";
    static final DisposableServer BACKEND = HttpServer.create().host("localhost").port(0)
            .handle((request, response) -> {
                if (request.method().name().equals("GET") && request.uri().equals("/api/v1/official/session")) {
                    String name = request.requestHeaders().get(GatewayHeaders.OFFICIAL);
                    if (DISABLED.contains(name)) {
                        return response.status(401).send();
                    }
                    return response.status(200).header("Content-Type", "application/json").sendString(Mono.just(
                            "{\"username\":\"" + name + "\"," + SCOPES.getOrDefault(name,
                                    "\"roles\":[\"HEALTH_OFFICIAL\"],\"provinces\":[\"11\"]") + "}")).then();
                }
                String device = request.requestHeaders().get(GatewayHeaders.DEVICE_ID);
                if (HANGS_BEFORE_ANSWERING.equals(device)) {
                    return Mono.never();
                }
                if (HANGS_AFTER_HEADERS.equals(device)) {
                    return response.status(200).header("Content-Type", "application/json").sendString(Mono.never()).then();
                }
                HttpHeaders copy = new HttpHeaders();
                request.requestHeaders().forEach(header -> copy.add(header.getKey(), header.getValue()));
                RECEIVED.add(copy);
                return request.receive().then(response.status(202).sendString(Mono.just("{\"accepted\":1}")).then());
            })
            .bindNow();

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.gatewayProperties());
        registry.add("bluezone.gateway.upload-service-url", () -> "http://localhost:" + BACKEND.port());
        // The same recording server under another name: the gateway holds separate keys per service address.
        registry.add("bluezone.gateway.notify-service-url", () -> "http://127.0.0.1:" + BACKEND.port());
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.disposeNow();
    }

    @LocalServerPort
    int port;

    WebTestClient http;
    final BearerTokens tokens = TestKeys.bearerTokens(Clock.systemUTC());

    @BeforeEach
    void client() {
        RECEIVED.clear();
        // Functional, not timing: the first requests of a cold JVM on a busy 2-core machine can take seconds.
        http = TestClients.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void aDeviceCallReachesTheServiceWithTheVerifiedDeviceIdOnly() {
        String token = tokens.issue(new Principal(Role.DEVICE, "device-1"), null);
        http.post().uri("/api/v1/sightings")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(GatewayHeaders.DEVICE_ID, "spoofed")
                .header(GatewayHeaders.OFFICIAL, "spoofed")
                .header(GatewayHeaders.ASSERTION, "spoofed")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sightings\":[]}")
                .exchange()
                .expectStatus().isAccepted();

        assertThat(RECEIVED).singleElement().satisfies(headers -> {
            assertThat(headers.get(GatewayHeaders.DEVICE_ID)).containsExactly("device-1");
            assertThat(headers.containsHeader(GatewayHeaders.OFFICIAL)).isFalse();
            assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
            assertThat(headers.get(GatewayHeaders.ASSERTION)).singleElement().satisfies(assertion ->
            {
                    assertThat(TestKeys.assertions(TestKeys.UPLOAD_ASSERTIONS, Clock.systemUTC()).verify(assertion))
                            .contains(new Principal(Role.DEVICE, "device-1"));
                    // Worthless at the other service.
                    assertThat(TestKeys.assertions(TestKeys.NOTIFY_ASSERTIONS, Clock.systemUTC()).verify(assertion)).isEmpty();
            });
        });
    }

    @Test
    void aServiceThatStopsAnsweringGetsTheCallerAGatewayTimeoutNotAHang() {
        for (String device : List.of(HANGS_BEFORE_ANSWERING, HANGS_AFTER_HEADERS)) {
            String token = tokens.issue(new Principal(Role.DEVICE, device), null);
            http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isEqualTo(504);
        }
    }

    /** Every route, the caller it is for: the access rules as specified, independent of application.yml. */
    static final Map<String, List<String>> ROUTES = Map.ofEntries(
            Map.entry("devices", List.of("none", "POST", "/api/v1/devices")),
            Map.entry("sightings", List.of("device", "POST", "/api/v1/sightings")),
            Map.entry("verify", List.of("device", "POST", "/api/v1/verify")),
            Map.entry("diagnosis-keys", List.of("device", "POST", "/api/v1/diagnosis-keys")),
            Map.entry("alerts", List.of("device", "GET", "/api/v1/alerts")),
            Map.entry("push-channel", List.of("device", "PUT", "/api/v1/devices/me/push")),
            Map.entry("push-webpush-key", List.of("device", "GET", "/api/v1/devices/me/push/webpush-key")),
            Map.entry("official-session", List.of("none", "POST", "/api/v1/official/session")),
            Map.entry("official-whoami", List.of("official", "GET", "/api/v1/official/session")),
            Map.entry("official-accounts", List.of("official", "POST", "/api/v1/official/accounts")),
            Map.entry("official-account", List.of("official", "PATCH", "/api/v1/official/accounts/lan")),
            Map.entry("official-audit", List.of("official", "GET", "/api/v1/official/audit")),
            Map.entry("official-cases", List.of("official", "POST", "/api/v1/official/cases")),
            Map.entry("official-cases-bulk", List.of("official", "POST", "/api/v1/official/cases/bulk")),
            Map.entry("official-case-list", List.of("official", "GET", "/api/v1/official/cases")),
            Map.entry("official-adoption", List.of("official", "GET", "/api/v1/official/adoption")),
            Map.entry("official-smartphones", List.of("official", "PUT", "/api/v1/official/adoption/smartphones")),
            Map.entry("official-case-codes", List.of("official", "POST", "/api/v1/official/cases/" + UUID.randomUUID() + "/codes")),
            Map.entry("portal-login-page", List.of("none", "GET", "/portal/login")),
            Map.entry("portal-login", List.of("none", "POST", "/portal/login")),
            Map.entry("portal-assets", List.of("none", "GET", "/portal/static/portal.css")),
            Map.entry("portal", List.of("portal", "GET", "/portal/cases")),
            Map.entry("official-case-summary", List.of("official", "GET", "/api/v1/official/cases/" + UUID.randomUUID())),
            Map.entry("official-case-contacts", List.of("official", "GET", "/api/v1/official/cases/" + UUID.randomUUID() + "/contacts")));

    @Autowired
    RouteLocator routeLocator;

    @Test
    void everyRouteAnswersEveryKindOfCallerAsSpecified() {
        assertThat(routeLocator.getRoutes().map(Route::getId).collectList().block())
                .as("every route has a row in this matrix").containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
        Map<String, String> callers = new java.util.LinkedHashMap<>();
        callers.put("none", null);
        callers.put("device", tokens.issue(new Principal(Role.DEVICE, UUID.randomUUID().toString()), null));
        callers.put("official", tokens.issue(new Principal(Role.OFFICIAL, "alice"), Instant.now().plusSeconds(600)));
        callers.put("expired official", tokens.issue(new Principal(Role.OFFICIAL, "alice"), Instant.now().minusSeconds(1)));
        callers.put("forged device", otherKeys().issue(new Principal(Role.DEVICE, UUID.randomUUID().toString()), null));
        callers.put("forged official", otherKeys().issue(new Principal(Role.OFFICIAL, "alice"), Instant.now().plusSeconds(600)));
        // Whoever holds the device keys (this gateway) claims the official role.
        callers.put("official signed with device keys", new BearerTokens(JwtKeys.parse("d", TestKeys.DEVICE_TOKENS),
                JwtKeys.parse("o", TestKeys.DEVICE_TOKENS), Clock.systemUTC())
                .issue(new Principal(Role.OFFICIAL, "alice"), Instant.now().plusSeconds(600)));
        callers.put("upload grant as bearer", TestKeys.uploadGrants(Clock.systemUTC()).issue(new UploadGrant("g",
                UUID.randomUUID(), UUID.randomUUID(), ContactLevel.F0, 0, Instant.now(), Instant.now().plusSeconds(600))));
        callers.put("identity assertion as bearer", TestKeys.assertions(TestKeys.UPLOAD_ASSERTIONS, Clock.systemUTC())
                .issue(new Principal(Role.OFFICIAL, "alice")));

        List<String> wrong = new ArrayList<>();
        ROUTES.forEach((id, route) -> callers.forEach((caller, token) -> {
            // What the backend answers a request that got through: the account check's 200 for "who am I".
            int passed = "/api/v1/official/session".equals(route.get(2)) && "GET".equals(route.get(1)) ? 200 : 202;
            int expected = expectedStatus(route.get(0), caller, passed);
            var request = http.method(org.springframework.http.HttpMethod.valueOf(route.get(1))).uri(route.get(2));
            if (token != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
            var spec = "GET".equals(route.get(1)) ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
            int status = spec.exchange().returnResult(String.class).getStatus().value();
            if (status != expected) {
                wrong.add(id + " as " + caller + ": " + status + ", expected " + expected);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    /** Token keys of the same ids as the real ones, but other key material. */
    private static BearerTokens otherKeys() {
        return new BearerTokens(JwtKeys.parse("d", JwtKeys.generateSymmetric("device-test")),
                JwtKeys.parse("o", JwtKeys.generateKeyPair("official-test")), Clock.systemUTC());
    }

    /** {@code passed} is what the backend answers: the request got through. */
    private static int expectedStatus(String rule, String caller, int passed) {
        if (rule.equals("none") || caller.equals(rule) || (rule.equals("portal") && caller.equals("official"))) {
            return passed;
        }
        if (rule.equals("portal")) { // a page without a valid official session: to the login page
            return caller.equals("device") ? 403 : 303;
        }
        return caller.equals("device") || caller.equals("official") ? 403 : 401;
    }

    @Test
    void missingForgedOrExpiredTokensAreUnauthorizedProblems() {
        String forged = otherKeys().issue(new Principal(Role.DEVICE, "x"), null);
        String expired = tokens.issue(new Principal(Role.OFFICIAL, "alice"), Instant.now().minusSeconds(1));
        for (String authorization : new String[] {null, "Bearer garbage", "Bearer " + forged, "Basic abc"}) {
            var request = http.get().uri("/api/v1/alerts");
            if (authorization != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            request.exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        http.get().uri("/api/v1/official/cases/00000000-0000-0000-0000-000000000001/contacts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
                .exchange().expectStatus().isUnauthorized();
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void tokensAreRefusedOnTheOtherRolesEndpoints() {
        String device = tokens.issue(new Principal(Role.DEVICE, "device-1"), null);
        String official = tokens.issue(new Principal(Role.OFFICIAL, "alice"), Instant.now().plusSeconds(600));
        http.post().uri("/api/v1/official/cases").header(HttpHeaders.AUTHORIZATION, "Bearer " + device)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + official)
                .exchange().expectStatus().isForbidden();
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void oversizedBodiesAreRefusedBeforeAnyService() {
        http.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"platform\":\"android\",\"pad\":\"" + "x".repeat(5000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void aBodyFarOverTheLimitGetsAReadable413FromAClientThatSendsItWhole() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient(); // no Expect: 100-continue
        byte[] fiveMegabytes = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(fiveMegabytes, (byte) 'x');
        java.net.http.HttpResponse<String> answer = client.send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/devices"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(fiveMegabytes)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).contains(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(answer.body()).contains("accepts at most 4096");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void registrationNeedsNoTokenAndTheServiceLearnsTheClientAddressFromTheGatewayOnly() {
        http.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"platform\":\"ios\"}")
                .header(GatewayHeaders.CLIENT_ADDRESS, "198.51.100.1") // a client's claim, replaced
                .exchange().expectStatus().isAccepted();
        assertThat(RECEIVED).singleElement().satisfies(headers ->
                assertThat(headers.get(GatewayHeaders.CLIENT_ADDRESS)).singleElement().isIn("127.0.0.1", "0:0:0:0:0:0:0:1"));
    }

    @Test
    void aDisabledOfficialsUnexpiredTokenIsRefusedOnceTheAccountCheckExpires() throws Exception {
        String name = "official-" + UUID.randomUUID();
        String token = tokens.issue(new Principal(Role.OFFICIAL, name), Instant.now().plusSeconds(3600));
        officialCall(token).expectStatus().isAccepted();
        DISABLED.add(name);
        Thread.sleep(1500); // the check's TTL in this test: 1 s
        officialCall(token).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(RECEIVED).as("only the first call reached the service").hasSize(1);
    }

    @Test
    void thePortalsCookieStandsForAnOfficialTokenAndChangesNeedItsCsrfToken() {
        String token = tokens.issue(new Principal(Role.OFFICIAL, "lan"), Instant.now().plusSeconds(600));
        String session = PortalSessions.SESSION_COOKIE + "=" + token + "; BZ_LANG=en";
        http.get().uri("/api/v1/official/cases").header(HttpHeaders.COOKIE, session).exchange().expectStatus().isAccepted();
        for (String csrf : new String[] {null, "forged", PortalSessions.csrfToken("another session")}) {
            var post = http.post().uri("/api/v1/official/cases").header(HttpHeaders.COOKIE, session);
            if (csrf != null) {
                post = post.header(PortalSessions.CSRF_HEADER, csrf);
            }
            post.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.post().uri("/api/v1/official/cases").header(HttpHeaders.COOKIE, session)
                .header(PortalSessions.CSRF_HEADER, PortalSessions.csrfToken(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isAccepted();
        assertThat(RECEIVED).hasSize(2).allSatisfy(headers -> {
            assertThat(headers.getFirst(HttpHeaders.COOKIE)).as("the session never reaches a service").isEqualTo("BZ_LANG=en");
            assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        });

        // A device token in the cookie is nothing; a page without a session goes to the login page.
        String device = tokens.issue(new Principal(Role.DEVICE, UUID.randomUUID().toString()), null);
        http.get().uri("/api/v1/alerts").header(HttpHeaders.COOKIE, PortalSessions.SESSION_COOKIE + "=" + device)
                .exchange().expectStatus().isUnauthorized();
        http.get().uri("/portal/cases").exchange().expectStatus().isSeeOther()
                .expectHeader().location("/portal/login");
        assertThat(RECEIVED).hasSize(2);
    }

    @Test
    void aPortalFormPostedFromAnotherSiteIsRefused() {
        http.post().uri("/portal/login").header(HttpHeaders.ORIGIN, "https://evil.example")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("username=a&password=b")
                .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/portal/login").header(HttpHeaders.ORIGIN, "null")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("username=a&password=b")
                .exchange().expectStatus().isForbidden();
        assertThat(RECEIVED).isEmpty();
        http.post().uri("/portal/login").header(HttpHeaders.ORIGIN, "http://localhost:" + port)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("username=a&password=b")
                .exchange().expectStatus().isAccepted();
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void servicesAreToldTheAccountsRolesAndProvincesAsTheyAreNowNotAsAtLogin() throws Exception {
        String name = "officer-" + UUID.randomUUID();
        SCOPES.put(name, "\"roles\":[\"PROVINCE_OFFICER\"],\"provinces\":[\"11\"]");
        String token = tokens.issue(new Principal(Role.OFFICIAL, name), Instant.now().plusSeconds(3600));
        officialCall(token).expectStatus().isAccepted();
        SCOPES.put(name, "\"roles\":[\"PROVINCE_OFFICER\",\"HEALTH_OFFICIAL\"],\"provinces\":[\"01\",\"11\"]");
        Thread.sleep(1500); // the check's TTL in this test: 1 s
        officialCall(token).expectStatus().isAccepted();

        assertThat(RECEIVED).extracting(headers -> TestKeys.assertions(TestKeys.UPLOAD_ASSERTIONS, Clock.systemUTC())
                .verify(headers.getFirst(GatewayHeaders.ASSERTION)).orElseThrow().scope()).containsExactly(
                new OfficialScope(Set.of(OfficialRole.PROVINCE_OFFICER), Set.of("11")),
                new OfficialScope(Set.of(OfficialRole.PROVINCE_OFFICER, OfficialRole.HEALTH_OFFICIAL), Set.of("01", "11")));
    }

    private WebTestClient.ResponseSpec officialCall(String token) {
        return http.post().uri("/api/v1/official/cases").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }

    @Test
    void codeGuessingIsLimitedPerDeviceWithRetryAfter() {
        assertLimitedPerDevice("/api/v1/verify", "{\"code\":\"000000000000\"}");
    }

    @Test
    void sightingFloodsAreLimitedPerDeviceWithRetryAfter() {
        assertLimitedPerDevice("/api/v1/sightings", "{\"sightings\":[]}");
    }

    /** 3 calls a device (this test's capacity) get through; the 4th is a 429 that reaches no service; another device is unaffected. */
    private void assertLimitedPerDevice(String path, String body) {
        String flooder = tokens.issue(new Principal(Role.DEVICE, UUID.randomUUID().toString()), null);
        String other = tokens.issue(new Principal(Role.DEVICE, UUID.randomUUID().toString()), null);
        for (int i = 0; i < 3; i++) {
            http.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + flooder)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isAccepted();
        }
        http.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + flooder)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After");
        http.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + other)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isAccepted();
        assertThat(RECEIVED).hasSize(4);
    }

    @Test
    void unroutedPathsAndMethodsAreNotFoundProblems() {
        for (var request : List.of(http.get().uri("/actuator/health"), http.get().uri("/api/v1/nothing-here"),
                http.get().uri("/api/v1/sightings"), http.delete().uri("/api/v1/devices"))) {
            request.exchange().expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(404);
        }
        assertThat(RECEIVED).isEmpty();
    }
}
