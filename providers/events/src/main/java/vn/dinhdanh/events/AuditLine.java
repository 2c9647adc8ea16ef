package vn.dinhdanh.events;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One audit log line: {@code key=value} pairs in a fixed order, safe to ship to any log store.
 *
 * <p>Two rules keep it safe. Event details pass through an allow-list, because Keycloak puts
 * usernames, e-mail addresses and names into details. Values are reduced to a plain character
 * set, so a crafted client id or error text cannot forge a second log line.
 */
final class AuditLine {

    /** Event detail keys known to carry no personal data, secret or session handle. */
    static final Set<String> SAFE_DETAILS = Set.of(
            "auth_method", "auth_type", "response_type", "response_mode", "grant_type",
            "client_auth_method", "consent", "reason", "remember_me", "custom_required_action",
            // dinhdanh login methods: which method, which factors (codes, never values)
            "login_method", "factors", "device_binding",
            // a credential added or removed (by the citizen or an admin): its type only, never its id or user label
            "credential_type",
            // a VNeID device added or removed: what happened (a code) and how many other devices were told
            "device_notice", "devices_told");

    private static final int MAX_VALUE_LENGTH = 200;

    private final StringBuilder line = new StringBuilder(160);

    AuditLine add(String key, Object value) {
        if (value == null) {
            return this;
        }
        if (line.length() > 0) {
            line.append(' ');
        }
        line.append(key).append('=').append(clean(String.valueOf(value)));
        return this;
    }

    /** Adds the allow-listed details, sorted by key so lines compare well. */
    AuditLine addDetails(Map<String, String> details) {
        if (details == null) {
            return this;
        }
        Map<String, String> safe = new TreeMap<>();
        details.forEach((k, v) -> {
            if (SAFE_DETAILS.contains(k)) {
                safe.put(k, v);
            }
        });
        safe.forEach(this::add);
        return this;
    }

    @Override
    public String toString() {
        return line.toString();
    }

    /** Letters, digits and {@code - _ . : / @ +} survive; anything else becomes {@code _}. */
    static String clean(String value) {
        int length = Math.min(value.length(), MAX_VALUE_LENGTH);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:/@+".indexOf(c) >= 0;
            out.append(plain ? c : '_');
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }
}
