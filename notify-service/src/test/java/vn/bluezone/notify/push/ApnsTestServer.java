package vn.bluezone.notify.push;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local APNs provider API: HTTP/2 over TLS only, and strict about the request Apple documents
 * (path, apns-* headers, an ES256 provider token with the team and key ids, an alert-only payload).
 */
final class ApnsTestServer implements AutoCloseable {

    static final Path CERTIFICATE = Path.of("src/test/resources/push/apns-test-server.crt");
    private static final Path KEY = Path.of("src/test/resources/push/apns-test-server.key");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ECPublicKey signingKey;
    private final String teamId;
    private final String keyId;
    private final String topic;
    private final DisposableServer server;
    final ScriptedReplies replies = new ScriptedReplies(200);
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    /** The apns-expiration (epoch seconds) of the last push to each device token. */
    final Map<String, Long> expirations = new ConcurrentHashMap<>();

    ApnsTestServer(ECPublicKey signingKey, String teamId, String keyId, String topic) {
        this.signingKey = signingKey;
        this.teamId = teamId;
        this.keyId = keyId;
        this.topic = topic;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .protocol(HttpProtocol.H2)
                .secure(ssl -> ssl.sslContext(Http2SslContextSpec.forServer(CERTIFICATE.toFile(), KEY.toFile())))
                .handle(this::handle)
                .bindNow();
    }

    int port() {
        return server.port();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    String problem = check(request, body);
                    if (problem != null) {
                        violations.add(problem);
                        return answer(response, ScriptedReplies.Reply.status(400, "BadRequest"));
                    }
                    String token = request.uri().substring("/3/device/".length());
                    ScriptedReplies.Reply reply = replies.next(token);
                    Mono<Void> answer = Mono.defer(() -> {
                        if (reply.status() == 200) {
                            accepted.add(token);
                        }
                        return answer(response, reply);
                    });
                    return reply.delay().isZero() ? answer : Mono.delay(reply.delay()).then(answer);
                });
    }

    private String check(HttpServerRequest request, String body) {
        if (!"HTTP/2.0".equals(request.version().text())) {
            return "not HTTP/2: " + request.version();
        }
        if (!request.method().name().equals("POST") || !request.uri().matches("/3/device/[0-9a-f]{64,200}")) {
            return "unexpected " + request.method() + " " + request.uri();
        }
        var headers = request.requestHeaders();
        if (!topic.equals(headers.get("apns-topic")) || !"alert".equals(headers.get("apns-push-type"))
                || !"10".equals(headers.get("apns-priority")) || !"bluezone-alerts".equals(headers.get("apns-collapse-id"))) {
            return "apns headers wrong: " + headers;
        }
        String expiration = headers.get("apns-expiration");
        if (expiration == null || Long.parseLong(expiration) <= Instant.now().getEpochSecond()) {
            return "apns-expiration is " + expiration;
        }
        expirations.put(request.uri().substring("/3/device/".length()), Long.parseLong(expiration));
        String authorization = headers.get("authorization");
        if (authorization == null || !authorization.startsWith("bearer ")) {
            return "no provider token";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring("bearer ".length()));
            boolean issuedLately = Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(), Instant.now())
                    .compareTo(Duration.ofHours(1)) < 0;
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !keyId.equals(jwt.getHeader().getKeyID())
                    || !teamId.equals(jwt.getJWTClaimsSet().getIssuer()) || !issuedLately
                    || !signedBy(jwt)) {
                return "provider token invalid: " + jwt.getHeader() + " " + jwt.getJWTClaimsSet();
            }
        } catch (Exception e) {
            return "provider token unreadable: " + e;
        }
        JsonNode payload = JSON.readTree(body);
        JsonNode expected = JSON.readTree("{\"aps\":{\"alert\":{\"loc-key\":\"BLUEZONE_CHECK_ALERTS\"},\"sound\":\"default\"}}");
        return payload.equals(expected) ? null : "payload is " + body;
    }

    /**
     * ES256 over the JWS signing input. APNs takes the signature as JOSE's 64-byte R||S and also DER-encoded
     * (which Pushy sends, as does Java's SHA256withECDSA): both are checked against the key here.
     */
    private boolean signedBy(SignedJWT jwt) throws Exception {
        byte[] signature = jwt.getSignature().decode();
        if (signature.length == 64) {
            return jwt.verify(new ECDSAVerifier(signingKey));
        }
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(signingKey);
        verifier.update(jwt.getSigningInput());
        return verifier.verify(signature);
    }

    private static Mono<Void> answer(HttpServerResponse response, ScriptedReplies.Reply reply) {
        response.status(HttpResponseStatus.valueOf(reply.status())).header("apns-id", UUID.randomUUID().toString());
        if (reply.status() == 200) {
            return response.send();
        }
        String body = reply.status() == 410
                ? "{\"reason\":\"" + reply.reason() + "\",\"timestamp\":" + Instant.now().toEpochMilli() + "}"
                : "{\"reason\":\"" + reply.reason() + "\"}";
        return response.header("content-type", "application/json").sendString(Mono.just(body)).then();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
