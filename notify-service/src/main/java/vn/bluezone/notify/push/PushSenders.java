package vn.bluezone.notify.push;

import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The push providers that are configured, by channel name; the others are off. */
@Component
class PushSenders implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PushSenders.class);

    private final Map<String, PushSender> byChannel = new LinkedHashMap<>();
    private final ConnectionProvider connections;

    PushSenders(PushProperties properties, WebPushKeys webPushKeys, WebClient.Builder webClients, Clock clock)
            throws Exception {
        PushProperties.Dispatch dispatch = properties.dispatch();
        // One connection per concurrent push: the provider, not a pool queue, sets the pace.
        this.connections = ConnectionProvider.builder("push").maxConnections(dispatch.concurrency()).build();
        WebClient client = webClients.clone()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)))
                .build();
        if (properties.fcm().enabled()) {
            add(new FcmSender(client, properties.fcm(), dispatch.timeToLive(), clock));
        }
        if (properties.apns().enabled()) {
            add(new ApnsSender(properties.apns(), dispatch.timeToLive(), clock));
        }
        webPushKeys.keyPair().ifPresent(vapid ->
                add(new WebPushSender(client, vapid, properties.webpush(), dispatch.timeToLive(), clock)));
        log.info("Push channels enabled: {}", byChannel.isEmpty() ? "none" : byChannel.keySet());
    }

    private void add(PushSender sender) {
        byChannel.put(sender.channel(), sender);
    }

    Map<String, PushSender> byChannel() {
        return byChannel;
    }

    @Override
    public void destroy() throws Exception {
        for (PushSender sender : byChannel.values()) {
            if (sender instanceof DisposableBean disposable) {
                disposable.destroy();
            }
        }
        connections.dispose();
    }
}
