package io.purplesector.bridge.dashboard;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The dashboard lives at {@code /dashboard/}. A browser opening the bridge's root address (where
 * WebSocket clients connect) is sent there; WebSocket upgrades at the root are left alone.
 */
@Configuration(proxyBeanMethods = false)
class DashboardRoutes {

    private static final RequestPredicate NO_UPGRADE =
            request -> !"websocket".equalsIgnoreCase(request.headers().firstHeader("Upgrade"));

    @Bean
    RouterFunction<ServerResponse> dashboard() {
        ClassPathResource page = new ClassPathResource("static/dashboard/index.html");
        return route(GET("/").and(NO_UPGRADE), request -> ServerResponse.temporaryRedirect(dashboard(request)).build())
                .andRoute(GET("/dashboard/"), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
                .andRoute(GET("/dashboard"), request -> ServerResponse.permanentRedirect(dashboard(request)).build());
    }

    /** The dashboard's address, keeping the query ({@code ?userId=...}). */
    private static URI dashboard(ServerRequest request) {
        String query = request.uri().getRawQuery();
        return URI.create(query == null ? "/dashboard/" : "/dashboard/?" + query);
    }
}
