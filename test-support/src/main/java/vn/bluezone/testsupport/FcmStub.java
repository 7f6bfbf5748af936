package vn.bluezone.testsupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Firebase Cloud Messaging HTTP v1 endpoint with Google's OAuth2 token endpoint, for tests and the
 * push fan-out benchmark. It checks the wire format strictly: the JWT-bearer grant (RFC 7523) signed RS256
 * by the service account it issued, the scope, the bearer token on each send, and a message that carries
 * nothing but "check your alerts". Anything else is answered 400 and recorded as a violation.
 * Replies can be scripted per device token (5xx, 404 UNREGISTERED, slow answers).
 */
public final class FcmStub implements AutoCloseable {

    public static final String PROJECT_ID = "bluezone-test";
    public static final String CLIENT_EMAIL = "push@bluezone-test.iam.gserviceaccount.com";
    /** Google's token endpoint takes assertions addressed to it, wherever the exchange is posted. */
    static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final String SEND_PATH = "/v1/projects/" + PROJECT_ID + "/messages:send";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One message FCM accepted. */
    public record Message(String token, JsonNode body, Instant receivedAt) {
    }

    /** A scripted answer: status, FCM error code (or null), Retry-After seconds (or null), delay before answering. */
    public record Reply(int status, String errorCode, Integer retryAfterSeconds, Duration delay) {

        public static Reply ok() {
            return new Reply(200, null, null, Duration.ZERO);
        }

        public static Reply error(int status, String errorCode) {
            return new Reply(status, errorCode, null, Duration.ZERO);
        }

        public Reply retryAfter(int seconds) {
            return new Reply(status, errorCode, seconds, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, errorCode, retryAfterSeconds, wait);
        }
    }

    private final KeyPair serviceAccountKey;
    private final DisposableServer server;
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Message> delivered = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenExchanges = new AtomicInteger();

    private FcmStub(int port) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.serviceAccountKey = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.server = HttpServer.create().host("127.0.0.1").port(port).handle(this::handle).bindNow();
    }

    /** Starts on a free loopback port. */
    public static FcmStub start() {
        return new FcmStub(0);
    }

    public static FcmStub start(int port) {
        return new FcmStub(port);
    }

    /** FCM's base URL (bluezone.push.fcm.base-url). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Points a notify-service under test at this stub: its base URL and a service account of its own. */
    public void registerProperties(DynamicPropertyRegistry registry) {
        registry.add("bluezone.push.fcm.base-url", this::baseUrl);
        registry.add("bluezone.push.fcm.credentials-file", () -> {
            try {
                return writeServiceAccount(Files.createTempDirectory("fcm").resolve("service-account.json")).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes a service account JSON whose key this stub trusts and whose token_uri is this stub. */
    public Path writeServiceAccount(Path file) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(serviceAccountKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> account = new LinkedHashMap<>();
        account.put("type", "service_account");
        account.put("project_id", PROJECT_ID);
        account.put("private_key_id", "stub-key-1");
        account.put("private_key", pem);
        account.put("client_email", CLIENT_EMAIL);
        account.put("client_id", "100000000000000000001");
        account.put("token_uri", tokenUri());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writeValueAsString(account));
        return file;
    }

    /** The next answers for sends to this device token, in order; after them, 200. */
    public void script(String deviceToken, Reply... replies) {
        scripts.put(deviceToken, new ArrayDeque<>(List.of(replies)));
    }

    /** Every access token issued so far stops working (FCM answers 401), as when Google revokes them. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    public List<Message> delivered() {
        return List.copyOf(delivered);
    }

    public List<Message> deliveredTo(String deviceToken) {
        return delivered.stream().filter(message -> message.token().equals(deviceToken)).toList();
    }

    /** Sends received for this device token, whatever was answered. */
    public int attempts(String deviceToken) {
        AtomicInteger count = attempts.get(deviceToken);
        return count == null ? 0 : count.get();
    }

    public int tokenExchanges() {
        return tokenExchanges.get();
    }

    /** What the clients got wrong; empty when every request had the exact wire format. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private String tokenUri() {
        return baseUrl() + "/token";
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = request.uri();
        if (request.method().name().equals("POST") && path.equals("/token")) {
            return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                    .flatMap(body -> exchange(request, response, body));
        }
        if (request.method().name().equals("POST") && path.equals(SEND_PATH)) {
            return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                    .flatMap(body -> send(request, response, body));
        }
        return violation(response, 404, "unexpected request " + request.method() + " " + path);
    }

    /** RFC 7523 JWT-bearer grant, as Google's token endpoint takes it. */
    private Mono<Void> exchange(HttpServerRequest request, HttpServerResponse response, String body) {
        Map<String, String> form = form(body);
        if (!String.valueOf(request.requestHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded")) {
            return violation(response, 400, "token request is not form-encoded");
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return violation(response, 400, "grant_type is " + form.get("grant_type"));
        }
        String problem = checkAssertion(form.get("assertion"));
        if (problem != null) {
            return violation(response, 400, problem);
        }
        tokenExchanges.incrementAndGet();
        String accessToken = "ya29.stub-" + UUID.randomUUID();
        accessTokens.add(accessToken);
        return json(response, 200, Map.of("access_token", accessToken, "expires_in", 3600, "token_type", "Bearer"), Map.of());
    }

    private String checkAssertion(String assertion) {
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return "assertion is not RS256";
            }
            if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) serviceAccountKey.getPublic()))) {
                return "assertion signature does not verify with the service account key";
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!CLIENT_EMAIL.equals(claims.getIssuer()) || !claims.getAudience().contains(GOOGLE_TOKEN_AUDIENCE)) {
                return "assertion iss/aud are " + claims.getIssuer() + "/" + claims.getAudience();
            }
            if (!String.valueOf(claims.getClaim("scope")).contains(SCOPE)) {
                return "assertion scope is " + claims.getClaim("scope");
            }
            Instant issued = claims.getIssueTime().toInstant();
            Instant expires = claims.getExpirationTime().toInstant();
            if (expires.isBefore(Instant.now()) || Duration.between(issued, expires).compareTo(Duration.ofHours(1)) > 0) {
                return "assertion lifetime is wrong: " + issued + " to " + expires;
            }
            return null;
        } catch (Exception e) {
            return "assertion unreadable: " + e.getMessage();
        }
    }

    private Mono<Void> send(HttpServerRequest request, HttpServerResponse response, String body) {
        String authorization = request.requestHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !accessTokens.contains(authorization.substring("Bearer ".length()))) {
            return json(response, 401, fcmError(401, "UNAUTHENTICATED", null), Map.of());
        }
        if (!String.valueOf(request.requestHeaders().get("Content-Type")).startsWith("application/json")) {
            return violation(response, 400, "message is not application/json");
        }
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (RuntimeException e) {
            return violation(response, 400, "message is not JSON");
        }
        String problem = checkMessage(message);
        if (problem != null) {
            return violation(response, 400, problem);
        }
        String token = message.path("message").path("token").asString();
        attempts.computeIfAbsent(token, key -> new AtomicInteger()).incrementAndGet();
        Deque<Reply> script = scripts.get(token);
        Reply reply = script == null ? null : script.poll();
        Reply answer = reply == null ? Reply.ok() : reply;
        Supplier<Mono<Void>> respond = () -> {
            if (answer.status() == 200) {
                delivered.add(new Message(token, message, Instant.now()));
                return json(response, 200, Map.of("name", "projects/" + PROJECT_ID + "/messages/" + UUID.randomUUID()), Map.of());
            }
            Map<String, String> headers = answer.retryAfterSeconds() == null ? Map.of()
                    : Map.of("Retry-After", answer.retryAfterSeconds().toString());
            return json(response, answer.status(), fcmError(answer.status(), statusName(answer.status()), answer.errorCode()), headers);
        };
        return answer.delay().isZero() ? respond.get() : Mono.delay(answer.delay()).then(Mono.defer(respond));
    }

    /** Only "check your alerts": a data message with one field, high priority, nothing that is shown or identifies. */
    private static String checkMessage(JsonNode root) {
        if (root.size() != 1 || !root.has("message")) {
            return "body must be {\"message\": ...}: " + root;
        }
        JsonNode message = root.get("message");
        for (String field : message.propertyNames()) {
            if (!Set.of("token", "data", "android").contains(field)) {
                return "message carries " + field;
            }
        }
        if (!message.path("token").isString() || message.path("token").asString().isEmpty()) {
            return "message.token is missing";
        }
        if (!message.path("data").equals(JSON.createObjectNode().put("type", "CHECK_ALERTS"))) {
            return "message.data is " + message.path("data");
        }
        JsonNode android = message.path("android");
        if (!"HIGH".equals(android.path("priority").asString(""))
                || !android.path("ttl").asString("").matches("\\d+s")) {
            return "message.android is " + android;
        }
        return null;
    }

    private static Map<String, Object> fcmError(int status, String statusName, String errorCode) {
        return fcmError(status, statusName, errorCode, "stub error");
    }

    private static Map<String, Object> fcmError(int status, String statusName, String errorCode, String text) {
        Map<String, Object> error = new HashMap<>();
        error.put("code", status);
        error.put("message", text);
        error.put("status", statusName);
        if (errorCode != null) {
            error.put("details", List.of(Map.of("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                    "errorCode", errorCode)));
        }
        return Map.of("error", error);
    }

    private static String statusName(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
    }

    private Mono<Void> violation(HttpServerResponse response, int status, String problem) {
        violations.add(problem);
        return json(response, status, fcmError(status, statusName(status), null, problem), Map.of());
    }

    private static Mono<Void> json(HttpServerResponse response, int status, Object body, Map<String, String> headers) {
        response.status(HttpResponseStatus.valueOf(status)).header("Content-Type", "application/json; charset=UTF-8");
        headers.forEach(response::header);
        return response.sendString(Mono.just(JSON.writeValueAsString(body))).then();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** Waits until this many messages were accepted in all; false on timeout. */
    public boolean awaitDelivered(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (delivered.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
