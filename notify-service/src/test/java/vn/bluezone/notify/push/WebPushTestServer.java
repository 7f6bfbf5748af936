package vn.bluezone.notify.push;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local Web Push service (RFC 8030) holding browser subscriptions. For each push it checks the headers,
 * the VAPID token (RFC 8292: ES256, aud = this origin, exp within 24 h, a contact subject, signed by k),
 * and that the push has no payload (no body, no Content-Encoding): a browser then fires a push event
 * whose data is null, which the app reads as "check your alerts".
 */
final class WebPushTestServer implements AutoCloseable {

    /** A browser's subscription, and when it was pushed. */
    record Browser(String id, List<Instant> pushed) {
    }

    private final DisposableServer server;
    private final Map<String, Browser> browsers = new ConcurrentHashMap<>();
    final ScriptedReplies replies = new ScriptedReplies(201);
    final List<String> violations = new CopyOnWriteArrayList<>();
    /** The VAPID tokens (the JWTs) of the pushes to each browser, in order. */
    final Map<String, List<String>> vapidTokens = new ConcurrentHashMap<>();

    WebPushTestServer() {
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
    }

    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A new browser subscription. */
    Browser subscribe() {
        Browser browser = new Browser(UUID.randomUUID().toString(), new CopyOnWriteArrayList<>());
        browsers.put(browser.id(), browser);
        return browser;
    }

    String endpoint(Browser browser) {
        return origin() + "/push/" + browser.id();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            Browser browser = request.uri().startsWith("/push/") ? browsers.get(request.uri().substring(6)) : null;
            if (browser == null) {
                return answer(response, ScriptedReplies.Reply.status(404, null));
            }
            try {
                vapidTokens.computeIfAbsent(browser.id(), id -> new CopyOnWriteArrayList<>()).add(checkHeaders(request));
                require(body.length == 0, "a payload of " + body.length + " bytes");
            } catch (Exception problem) {
                violations.add(problem.getMessage());
                return answer(response, ScriptedReplies.Reply.status(400, null));
            }
            ScriptedReplies.Reply reply = replies.next(browser.id());
            Mono<Void> answer = Mono.defer(() -> {
                if (reply.status() == 201) {
                    browser.pushed().add(Instant.now());
                }
                return answer(response, reply);
            });
            return reply.delay().isZero() ? answer : Mono.delay(reply.delay()).then(answer);
        });
    }

    /** @return the VAPID token */
    private String checkHeaders(HttpServerRequest request) throws Exception {
        var headers = request.requestHeaders();
        require(request.method().name().equals("POST"), "method " + request.method());
        require(headers.get("TTL") != null && headers.get("TTL").matches("\\d+"), "TTL " + headers.get("TTL"));
        require("high".equals(headers.get("Urgency")), "Urgency " + headers.get("Urgency"));
        require(headers.get("Topic") != null && headers.get("Topic").matches("[A-Za-z0-9_-]{1,32}"), "Topic " + headers.get("Topic"));
        require(headers.get("Content-Encoding") == null, "Content-Encoding " + headers.get("Content-Encoding"));
        String authorization = headers.get("Authorization");
        require(authorization != null && authorization.startsWith("vapid "), "Authorization " + authorization);
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair[0].equals("t")) {
                token = pair[1];
            } else if (pair[0].equals("k")) {
                key = pair[1];
            }
        }
        require(token != null && key != null, "vapid t/k missing");
        SignedJWT jwt = SignedJWT.parse(token);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        require(JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()), "VAPID alg " + jwt.getHeader().getAlgorithm());
        require(jwt.verify(new ECDSAVerifier(publicKey(Base64.getUrlDecoder().decode(key)))), "VAPID signature");
        require(claims.getAudience().equals(List.of(origin())), "VAPID aud " + claims.getAudience());
        Instant expires = claims.getExpirationTime().toInstant();
        require(expires.isAfter(Instant.now()) && expires.isBefore(Instant.now().plus(Duration.ofHours(24))), "VAPID exp " + expires);
        require(claims.getSubject() != null && claims.getSubject().matches("(mailto:|https:).+"), "VAPID sub " + claims.getSubject());
        return token;
    }

    private static Mono<Void> answer(HttpServerResponse response, ScriptedReplies.Reply reply) {
        response.status(HttpResponseStatus.valueOf(reply.status()));
        if (reply.retryAfterSeconds() != null) {
            response.header("Retry-After", reply.retryAfterSeconds().toString());
        }
        if (reply.status() == 201) {
            response.header("Location", "/message/" + UUID.randomUUID());
        }
        return response.send();
    }

    private static ECPublicKey publicKey(byte[] uncompressed) throws Exception {
        require(uncompressed.length == 65 && uncompressed[0] == 4, "not an uncompressed P-256 point");
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
