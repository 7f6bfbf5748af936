package vn.bluezone.simulator;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The city's Web Push service (RFC 8030) on 127.0.0.1: the notify-service posts "check your alerts" to
 * {@code /push/<phone index>}, and the phone polls at once, as the app does on a push. The payload is
 * not read (it carries nothing but that instruction), so all phones share one subscription key pair.
 */
final class PushInbox implements AutoCloseable {

    private final DisposableServer server;
    private final String p256dh;
    private final String auth;
    private final LongAdder received = new LongAdder();

    /** @param onPush called with the pushed phone's index, on {@code executor} (never on the server's event loop) */
    PushInbox(IntConsumer onPush, Executor executor) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.p256dh = base64Url(uncompressed((ECPublicKey) generator.generateKeyPair().getPublic()));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.auth = base64Url(secret);
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/push/{phone}", (request, response) -> request.receive().then(Mono.defer(() -> {
                    int phone;
                    try {
                        phone = Integer.parseInt(request.param("phone"));
                    } catch (NumberFormatException e) {
                        return response.status(404).send();
                    }
                    received.increment();
                    executor.execute(() -> onPush.accept(phone));
                    return response.status(201).send();
                }))))
                .bindNow();
    }

    /** The subscription a phone registers, as {@code PushSubscription.toJSON()} gives it. */
    Map<String, Object> registration(Phone phone) {
        return Map.of("channel", "webpush", "subscription", Map.of(
                "endpoint", "http://127.0.0.1:" + server.port() + "/push/" + phone.index,
                "keys", Map.of("p256dh", p256dh, "auth", auth)));
    }

    long received() {
        return received.sum();
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] point = new byte[65];
        point[0] = 4;
        copyUnsigned(key.getW().getAffineX().toByteArray(), point, 1);
        copyUnsigned(key.getW().getAffineY().toByteArray(), point, 33);
        return point;
    }

    /** A coordinate as exactly 32 big-endian bytes (BigInteger adds a sign byte or drops leading zeros). */
    private static void copyUnsigned(byte[] coordinate, byte[] into, int offset) {
        int length = Math.min(32, coordinate.length);
        System.arraycopy(coordinate, coordinate.length - length, into, offset + 32 - length, length);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
