package vn.bluezone.notify.push;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local Web Push service (RFC 8030) holding browser subscriptions. For each push it checks the headers,
 * the VAPID token (RFC 8292: ES256, aud = this origin, exp within 24 h, a contact subject, signed by k),
 * and decrypts the body as the browser would (RFC 8291, written here from the RFC, not from the sender's library).
 */
final class WebPushTestServer implements AutoCloseable {

    /** A browser's subscription: its key pair and auth secret, and what it decrypted. */
    record Browser(String id, KeyPair keys, byte[] authSecret, List<String> received) {
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

    /** A new browser subscription: endpoint, p256dh and auth as PushSubscription.toJSON() gives them. */
    Browser subscribe() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] auth = new byte[16];
        new java.security.SecureRandom().nextBytes(auth);
        Browser browser = new Browser(UUID.randomUUID().toString(), generator.generateKeyPair(), auth, new CopyOnWriteArrayList<>());
        browsers.put(browser.id(), browser);
        return browser;
    }

    String endpoint(Browser browser) {
        return origin() + "/push/" + browser.id();
    }

    static String p256dh(Browser browser) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(uncompressed((ECPublicKey) browser.keys().getPublic()));
    }

    static String auth(Browser browser) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(browser.authSecret());
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            Browser browser = request.uri().startsWith("/push/") ? browsers.get(request.uri().substring(6)) : null;
            if (browser == null) {
                return answer(response, ScriptedReplies.Reply.status(404, null));
            }
            String plaintext;
            try {
                vapidTokens.computeIfAbsent(browser.id(), id -> new CopyOnWriteArrayList<>()).add(checkHeaders(request));
                plaintext = decrypt(browser, body);
            } catch (Exception problem) {
                violations.add(problem.getMessage());
                return answer(response, ScriptedReplies.Reply.status(400, null));
            }
            ScriptedReplies.Reply reply = replies.next(browser.id());
            Mono<Void> answer = Mono.defer(() -> {
                if (reply.status() == 201) {
                    browser.received().add(plaintext);
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
        require("aes128gcm".equals(headers.get("Content-Encoding")), "Content-Encoding " + headers.get("Content-Encoding"));
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

    /** RFC 8291 §3.4 and RFC 8188: the user agent's side of aes128gcm. */
    private static String decrypt(Browser browser, byte[] body) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] serverKey = new byte[in.get() & 0xff];
        in.get(serverKey);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        require(recordSize >= 18 && ciphertext.length <= recordSize, "one record expected");

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(browser.keys().getPrivate());
        agreement.doPhase(publicKey(serverKey), true);
        byte[] ecdhSecret = agreement.generateSecret();
        byte[] uaPublic = uncompressed((ECPublicKey) browser.keys().getPublic());
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, serverKey, new byte[] {1});
        byte[] ikm = hmac(hmac(browser.authSecret(), ecdhSecret), keyInfo);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1})), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        require(end >= 0 && padded[end] == 2, "last record delimiter missing");
        return new String(padded, 0, end, StandardCharsets.UTF_8);
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

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        Arrays.stream(parts).forEach(out::put);
        return out.array();
    }

    static byte[] uncompressed(ECPublicKey key) {
        byte[] point = new byte[65];
        point[0] = 4;
        copyUnsigned(key.getW().getAffineX(), point, 1);
        copyUnsigned(key.getW().getAffineY(), point, 33);
        return point;
    }

    private static void copyUnsigned(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
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
