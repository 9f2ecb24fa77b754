package cn.jinhua.ducha.web;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in user: their role and, for a county supervisor, their unit. The per-object checks live here, so that
 * every controller asks the same questions the same way.
 *
 * @param unit the unit a county supervisor answers for; null for every other role
 */
public record Viewer(String username, String passwordHash, Role role, String unit, boolean enabled)
        implements UserDetails {

    /** The city's own unit, for which city supervisors submit. */
    static final String CITY_UNIT = "jinhua";

    /** Whether this user may read {@code unitId}'s sheets, verdicts and alerts. */
    public boolean reads(String unitId) {
        return switch (role) {
            case COUNTY -> unit.equals(unitId);
            case CITY, AUDITOR -> true;
            case ADMIN -> false;
        };
    }

    /** Whether this user may submit a sheet for {@code unitId}. */
    public boolean submitsFor(String unitId) {
        return switch (role) {
            case COUNTY -> unit.equals(unitId);
            case CITY -> CITY_UNIT.equals(unitId);
            case AUDITOR, ADMIN -> false;
        };
    }

    /** Whether this user may acknowledge an alert of {@code unitId}: its own county, or the city's supervisors. */
    public boolean acknowledges(String unitId) {
        return role == Role.CITY || role == Role.COUNTY && unit.equals(unitId);
    }

    /**
     * Whether this user follows alerts up for the city: starts evaluations, closes alerts, grants waivers and
     * escalates what is overdue (the API's POST /api/evaluations, /api/waivers, /api/alerts/{id}/close): city
     * supervisors.
     */
    public boolean followsUpForTheCity() {
        return role == Role.CITY;
    }

    /**
     * Whether this user may have the 例会 brief: city supervisors and auditors. It carries every unit's lights, alerts and red
     * items, so a county supervisor (who reads one unit) has none, and an administrator reads no unit's data.
     */
    public boolean readsBriefs() {
        return role == Role.CITY || role == Role.AUDITOR;
    }

    @Override
    public List<GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "Viewer[" + username + ", " + role + (unit == null ? "" : ", " + unit) + "]";
    }
}
