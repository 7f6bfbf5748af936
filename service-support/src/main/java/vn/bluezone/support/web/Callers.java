package vn.bluezone.support.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/**
 * A controller parameter of type {@link Principal} is the caller the gateway asserted; a request
 * without one is refused (401) before the controller runs.
 */
public final class Callers implements HandlerMethodArgumentResolver {

    static final String ATTRIBUTE = Callers.class.getName() + ".caller";

    /**
     * The caller, if it is an official holding {@code role}; otherwise a 403 problem (fails closed:
     * a device, or an official without the role, gets nothing).
     */
    public static Principal requireOfficial(Principal caller, OfficialRole role) {
        if (caller.role() != Role.OFFICIAL || !caller.scope().has(role)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This needs an official account with the role " + role);
        }
        return caller;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Principal.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Principal caller = exchange.getAttribute(ATTRIBUTE);
        return caller != null ? Mono.just(caller)
                : Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, "A caller asserted by the gateway is required"));
    }
}
