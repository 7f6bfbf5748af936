package vn.bluezone.upload.portal;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The language of pages and reports: Vietnamese unless English is chosen with {@code ?lang=en}
 * (remembered in a cookie; {@code ?lang=vi} goes back). The browser's Accept-Language is not followed:
 * officials' machines are often set to English, their reports are Vietnamese. (The bean name replaces
 * Spring's resolver, which would follow Accept-Language.)
 */
@Component("localeContextResolver")
class PortalLocales implements LocaleContextResolver {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    static final String COOKIE = "BZ_LANG";
    private static final Set<String> LANGUAGES = Set.of("vi", "en");

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        String chosen = exchange.getRequest().getQueryParams().getFirst("lang");
        if (chosen != null && LANGUAGES.contains(chosen)) {
            exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, chosen).path("/").sameSite("Strict")
                    .maxAge(Duration.ofDays(365)).build());
            return new SimpleLocaleContext(Locale.forLanguageTag(chosen));
        }
        HttpCookie remembered = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (remembered != null && LANGUAGES.contains(remembered.getValue())) {
            return new SimpleLocaleContext(Locale.forLanguageTag(remembered.getValue()));
        }
        return new SimpleLocaleContext(VIETNAMESE);
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        throw new UnsupportedOperationException("The language is chosen with ?lang=");
    }
}
