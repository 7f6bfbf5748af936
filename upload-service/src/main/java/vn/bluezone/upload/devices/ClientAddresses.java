package vn.bluezone.upload.devices;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a per-address limit counts by: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so counting single IPv6 addresses would limit nothing).
 */
final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private ClientAddresses() {
    }

    /** @param address as the gateway saw it; null or not an address literal counts as one shared "unknown" */
    static String limitKey(String address) {
        if (address == null) {
            return "unknown";
        }
        if (IPV4.matcher(address).matches()) {
            return address;
        }
        if (!IPV6.matcher(address).matches()) {
            return "unknown";
        }
        try {
            // A literal (checked above), so no name is looked up.
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                return HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "::/64";
            }
            return parsed.getHostAddress(); // an IPv4-mapped IPv6 address
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
