package io.purplesector.bridge.websocket;

import io.purplesector.bridge.BridgeProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Pings every client at the ping interval, through each client's own queue: one timer for all
 * connections rather than one per connection merged into every client's message stream.
 */
@Component
class ClientPinger implements DisposableBean {

    private final Disposable pings;

    ClientPinger(ClientRegistry clients, BridgeProperties properties) {
        this.pings = Flux.interval(properties.websocket().pingInterval()).subscribe(tick -> clients.pingAll());
    }

    @Override
    public void destroy() {
        pings.dispose();
    }
}
