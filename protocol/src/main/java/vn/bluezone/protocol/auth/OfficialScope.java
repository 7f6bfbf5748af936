package vn.bluezone.protocol.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an official may do and where: the roles of the account and the provinces it is scoped to.
 * Accounts with {@link OfficialRole#ADMIN} or {@link OfficialRole#OPERATOR} are national; every other
 * account sees only its provinces, and one without provinces sees nothing (fails closed).
 */
public record OfficialScope(Set<OfficialRole> roles, Set<String> provinces) {

    public static final OfficialScope NONE = new OfficialScope(Set.of(), Set.of());

    public OfficialScope {
        // Kept in a fixed order, so claims and JSON of one scope are always the same text.
        roles = roles == null || roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        provinces = provinces == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(provinces));
    }

    public static OfficialScope of(Collection<OfficialRole> roles, Collection<String> provinces) {
        return new OfficialScope(Set.copyOf(roles), Set.copyOf(provinces));
    }

    public boolean has(OfficialRole role) {
        return roles.contains(role);
    }

    /** Whether the account sees every province. */
    public boolean national() {
        return has(OfficialRole.ADMIN) || has(OfficialRole.OPERATOR);
    }

    /** Whether the account may see what belongs to this province. */
    public boolean covers(String provinceCode) {
        return national() || (provinceCode != null && provinces.contains(provinceCode));
    }

    /** Whether it may act as {@code role} on something of {@code provinceCode}. */
    public boolean allows(OfficialRole role, String provinceCode) {
        return has(role) && covers(provinceCode);
    }
}
