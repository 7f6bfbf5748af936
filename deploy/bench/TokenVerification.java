import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.JwtKeys;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/**
 * How long the gateway takes to verify one bearer token: an HS256 device token against an ES256
 * official token, through the same BearerTokens.verify, on one thread, each call a different token.
 * Run by token-verification.sh.
 */
public class TokenVerification {

    public static void main(String[] args) {
        String officialKeys = JwtKeys.generateKeyPair("official-bench");
        String deviceKeys = JwtKeys.generateSymmetric("device-bench");
        BearerTokens issuer = new BearerTokens(JwtKeys.parse("d", deviceKeys), JwtKeys.parse("o", officialKeys), Clock.systemUTC());
        BearerTokens gateway = new BearerTokens(JwtKeys.parse("d", deviceKeys),
                JwtKeys.parse("o", JwtKeys.publicKeys(officialKeys)), Clock.systemUTC());
        // Distinct tokens, as a gateway sees them (the same one over and over would flatter any parser).
        String[] device = new String[10_000];
        for (int i = 0; i < device.length; i++) {
            device[i] = issuer.issue(Principal.device(UUID.randomUUID().toString(), "79"), null);
        }
        String[] official = new String[100];
        for (int i = 0; i < official.length; i++) {
            official[i] = issuer.issue(new Principal(Role.OFFICIAL, "official-" + i), Instant.now().plusSeconds(3600));
        }

        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        rate(gateway, device, 5); // warm-up, both paths
        rate(gateway, official, 5);
        for (int round = 1; round <= 3; round++) {
            double hs = rate(gateway, device, seconds);
            double es = rate(gateway, official, seconds);
            System.out.printf("round %d: HS256 device %.1f µs/verify (%,.0f/s)  ES256 official %.1f µs/verify (%,.0f/s)  ratio %.1f%n",
                    round, 1e6 / hs, hs, 1e6 / es, es, hs / es);
        }
    }

    private static double rate(BearerTokens gateway, String[] tokens, long seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long count = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                if (gateway.verify(tokens[(int) ((count + i) % tokens.length)]).isEmpty()) {
                    throw new IllegalStateException("token did not verify");
                }
            }
            count += 100;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
