package vn.bluezone.notify.push;

import java.util.List;
import java.util.Locale;

/** Which push service hosts Web Push endpoints may name: exact names, or "*.example.com" for its subdomains. */
final class WebPushHosts {

    private WebPushHosts() {
    }

    static boolean allowed(String host, List<String> allowedHosts) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String allowed : allowedHosts) {
            String pattern = allowed.trim().toLowerCase(Locale.ROOT);
            if (pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
