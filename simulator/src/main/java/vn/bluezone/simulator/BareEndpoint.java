package vn.bluezone.simulator;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.http.server.HttpServer;
import vn.bluezone.protocol.api.AlertList;

/**
 * {@code simulate --bare-endpoint [--port P]}: the polling benchmark's baseline, a bare WebFlux
 * endpoint on Reactor Netty that answers every GET with the constant no-alerts body.
 */
final class BareEndpoint {

    /** The same bytes the gateway answers a device without alerts with (padded to the size bucket). */
    private static final String NO_ALERTS = AlertList.NO_ALERTS_JSON;

    private BareEndpoint() {
    }

    static void serve(int port) throws InterruptedException {
        var handler = RouterFunctions.toHttpHandler(RouterFunctions.route()
                .GET("/**", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(NO_ALERTS))
                .build());
        var server = HttpServer.create().host("localhost").port(port).handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        System.out.println("bare WebFlux endpoint on http://localhost:" + server.port() + "/");
        server.onDispose().block();
    }
}
