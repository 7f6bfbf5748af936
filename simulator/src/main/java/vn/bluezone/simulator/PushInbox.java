package vn.bluezone.simulator;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The city's Web Push service (RFC 8030) on 127.0.0.1: the notify-service posts "check your alerts" (a
 * push without payload) to {@code /push/<phone index>}, and the phone polls at once, as the app does on
 * a push.
 */
final class PushInbox implements AutoCloseable {

    private final DisposableServer server;
    private final LongAdder received = new LongAdder();

    /** @param onPush called with the pushed phone's index, on {@code executor} (never on the server's event loop) */
    PushInbox(IntConsumer onPush, Executor executor) {
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

    /** The subscription a phone registers (a browser's {@code PushSubscription.toJSON()} adds keys, not read). */
    Map<String, Object> registration(Phone phone) {
        return Map.of("channel", "webpush", "subscription", Map.of(
                "endpoint", "http://127.0.0.1:" + server.port() + "/push/" + phone.index));
    }

    long received() {
        return received.sum();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
