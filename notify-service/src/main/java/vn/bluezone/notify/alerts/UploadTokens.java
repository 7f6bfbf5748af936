package vn.bluezone.notify.alerts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;
import vn.bluezone.notify.NotifyProperties;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.auth.UploadGrants;

/**
 * The signed upload token of each F1 grant, signed once and shown on every poll until the phone
 * uses it. An ES256 signature costs about a millisecond of CPU on JDK 17 and differs each time, so
 * signing per poll made the 1 % of polls from alerted phones cost the notify-service more than the
 * other 99 % cost the gateway (docs/performance.md#polling). Tokens live in memory only, for a
 * bounded number of grants, and expire from it some time after their last poll; a grant that
 * changes (a new start, an upgraded alert) is another key, so it is signed anew.
 */
@Component
class UploadTokens {

    private final UploadGrants grants;
    private final Cache<UploadGrant, String> signed;

    UploadTokens(UploadGrants grants, NotifyProperties properties, MeterRegistry meters) {
        this.grants = grants;
        this.signed = Caffeine.newBuilder()
                .maximumSize(properties.uploadTokenCache().maximumSize())
                .expireAfterAccess(properties.uploadTokenCache().expireAfterAccess())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, signed, "upload-tokens");
    }

    String of(UploadGrant grant) {
        return signed.get(grant, grants::issue);
    }
}
