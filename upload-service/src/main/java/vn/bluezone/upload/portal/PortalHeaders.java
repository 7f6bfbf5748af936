package vn.bluezone.upload.portal;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every portal response forbids what the portal never does: scripts, styles, images and requests from
 * anywhere but the system itself (no inline script, no eval), framing, and sniffing content types.
 */
@Component
class PortalHeaders implements WebFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith("/portal")) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            // Not no-referrer: under it a browser sends "Origin: null" with the portal's own forms.
            headers.set("Referrer-Policy", "same-origin");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            if (!exchange.getRequest().getPath().value().startsWith("/portal/static")
                    && !exchange.getRequest().getPath().value().startsWith("/portal/webjars")) {
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        }
        return chain.filter(exchange);
    }
}
