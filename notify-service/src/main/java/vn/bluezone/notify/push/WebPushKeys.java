package vn.bluezone.notify.push;

import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The VAPID key pair (RFC 8292) from PEM files, when Web Push is enabled. */
@Component
class WebPushKeys {

    private final VAPIDKeyPair keyPair;

    WebPushKeys(PushProperties properties) {
        PushProperties.WebPush config = properties.webpush();
        if (!config.enabled()) {
            this.keyPair = null;
            return;
        }
        try {
            this.keyPair = VAPIDKeyPairs.of(PrivateKeySources.ofPEMFile(config.vapidPrivateKeyFile()),
                    PublicKeySources.ofPEMFile(config.vapidPublicKeyFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the VAPID key files", e);
        }
    }

    Optional<VAPIDKeyPair> keyPair() {
        return Optional.ofNullable(keyPair);
    }

    /** The public key, uncompressed and base64url, as browsers take it. */
    Optional<String> applicationServerKey() {
        return keyPair().map(VAPIDKeyPair::extractPublicKeyInUncompressedFormAsString);
    }
}
