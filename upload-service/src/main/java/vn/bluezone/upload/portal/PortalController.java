package vn.bluezone.upload.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import vn.bluezone.protocol.api.OfficialLogin;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.PortalSessions;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.provinces.AdministrativeUnits;
import vn.bluezone.support.web.Callers;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.officials.OfficialLogins;

/**
 * The officials' portal: server-rendered pages (Thymeleaf) whose scripts call the same API as curl,
 * with the session cookie the gateway turns into the official's token. Each page is for a role; the
 * navigation shows only the pages the account's roles open.
 */
@Controller
class PortalController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OfficialLogins logins;
    private final AdministrativeUnits units;
    private final UploadProperties properties;
    private final Clock clock;

    PortalController(OfficialLogins logins, AdministrativeUnits units, UploadProperties properties, Clock clock) {
        this.logins = logins;
        this.units = units;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/portal/login")
    String loginPage(Model model, ServerWebExchange exchange) {
        common(model, exchange);
        model.addAttribute("failed", exchange.getRequest().getQueryParams().containsKey("failed"));
        model.addAttribute("limited", exchange.getRequest().getQueryParams().containsKey("limited"));
        return "portal/login";
    }

    /** The login form (the gateway refuses one posted from another site); the session goes into HttpOnly cookies. */
    @PostMapping("/portal/login")
    Mono<String> login(ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> logins.login(new OfficialLogin(String.valueOf(form.getFirst("username")),
                        String.valueOf(form.getFirst("password"))), exchange.getRequest()))
                .map(session -> {
                    Duration lifetime = Duration.between(Instant.now(), session.expiresAt());
                    setCookie(exchange.getResponse(), PortalSessions.SESSION_COOKIE, session.token(), lifetime, true);
                    setCookie(exchange.getResponse(), PortalSessions.CSRF_COOKIE,
                            PortalSessions.csrfToken(session.token()), lifetime, false);
                    return "redirect:/portal/";
                })
                .onErrorResume(ResponseStatusException.class, refused -> Mono.just(
                        refused.getStatusCode().value() == 429 ? "redirect:/portal/login?limited" : "redirect:/portal/login?failed"))
                .onErrorResume(org.springframework.web.ErrorResponseException.class,
                        limited -> Mono.just("redirect:/portal/login?limited"));
    }

    @PostMapping("/portal/logout")
    String logout(Principal caller, ServerWebExchange exchange) {
        setCookie(exchange.getResponse(), PortalSessions.SESSION_COOKIE, "", Duration.ZERO, true);
        setCookie(exchange.getResponse(), PortalSessions.CSRF_COOKIE, "", Duration.ZERO, false);
        return "redirect:/portal/login";
    }

    /** The first page the account's roles open. */
    @GetMapping({"/portal", "/portal/"})
    String home(Principal caller) {
        if (caller.scope().has(OfficialRole.HEALTH_OFFICIAL)) {
            return "redirect:/portal/cases";
        }
        if (caller.scope().has(OfficialRole.PROVINCE_OFFICER) || caller.scope().has(OfficialRole.OPERATOR)) {
            return "redirect:/portal/adoption";
        }
        return caller.scope().has(OfficialRole.ADMIN) ? "redirect:/portal/accounts" : "portal/no-role";
    }

    @GetMapping("/portal/cases")
    String cases(Principal caller, Model model, ServerWebExchange exchange) {
        return page(caller, OfficialRole.HEALTH_OFFICIAL, model, exchange, "portal/cases");
    }

    @GetMapping("/portal/cases/{caseId}")
    String casePage(Principal caller, @PathVariable UUID caseId, Model model, ServerWebExchange exchange) {
        model.addAttribute("caseId", caseId);
        return page(caller, OfficialRole.HEALTH_OFFICIAL, model, exchange, "portal/case");
    }

    @GetMapping("/portal/adoption")
    String adoption(Principal caller, Model model, ServerWebExchange exchange) {
        if (!caller.scope().has(OfficialRole.OPERATOR)) {
            Callers.requireOfficial(caller, OfficialRole.PROVINCE_OFFICER);
        }
        // Today where the figures are counted, not in the browser's zone or UTC: from 17:00 UTC on, the
        // UTC date is still yesterday in Vietnam and would hide the day's registrations.
        model.addAttribute("today", properties.statisticsToday(clock));
        return page(caller, null, model, exchange, "portal/adoption");
    }

    @GetMapping("/portal/accounts")
    String accounts(Principal caller, Model model, ServerWebExchange exchange) {
        model.addAttribute("allProvinces", units.all());
        model.addAttribute("allRoles", OfficialRole.values());
        return page(caller, OfficialRole.ADMIN, model, exchange, "portal/accounts");
    }

    @GetMapping("/portal/audit")
    String audit(Principal caller, Model model, ServerWebExchange exchange) {
        return page(caller, OfficialRole.ADMIN, model, exchange, "portal/audit");
    }

    private String page(Principal caller, OfficialRole role, Model model, ServerWebExchange exchange, String view) {
        if (role != null) {
            Callers.requireOfficial(caller, role);
        }
        common(model, exchange);
        model.addAttribute("me", caller);
        model.addAttribute("roles", caller.scope().roles().stream().map(Enum::name).toList());
        model.addAttribute("provinces", units.all().stream().filter(p -> caller.scope().covers(p.code())).toList());
        return view;
    }

    /** What every page has: its language, and the strings its scripts show. */
    private void common(Model model, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        Locale language = locale == null ? PortalLocales.VIETNAMESE : locale;
        model.addAttribute("lang", language.getLanguage());
        model.addAttribute("otherLang", "vi".equals(language.getLanguage()) ? "en" : "vi");
        model.addAttribute("scriptStrings", scriptStrings(language));
        model.addAttribute("edition", units.edition());
    }

    /** The {@code js.*} strings of the bundle, as JSON for a data block (not a script: the CSP allows none inline). */
    private static String scriptStrings(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle("messages", "en".equals(locale.getLanguage())
                ? Locale.ENGLISH : Locale.ROOT, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> strings = new TreeMap<>();
        bundle.keySet().stream().filter(key -> key.startsWith("js.")).forEach(key -> strings.put(key.substring(3), bundle.getString(key)));
        return JSON.writeValueAsString(strings);
    }

    private void setCookie(ServerHttpResponse response, String name, String value, Duration maxAge, boolean httpOnly) {
        response.addCookie(ResponseCookie.from(name, value).path("/").httpOnly(httpOnly)
                .secure(properties.portalSecureCookies()).sameSite("Strict").maxAge(maxAge).build());
    }
}
