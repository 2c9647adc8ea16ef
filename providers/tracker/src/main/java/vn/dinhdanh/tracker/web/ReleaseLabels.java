package vn.dinhdanh.tracker.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import vn.dinhdanh.tracker.chain.ReleaseRow;

/**
 * A row in the citizen's words: the relying party by its display name, the time in Vietnam, the channel, items,
 * level and method from the theme's messages ({@code dinhdanh.tracker.*}), codes kept beside the words.
 */
final class ReleaseLabels {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final RealmModel realm;
    private final Properties messages;
    private final Locale locale;

    ReleaseLabels(RealmModel realm, Properties messages, Locale locale) {
        this.realm = realm;
        this.messages = messages;
        this.locale = locale;
    }

    Map<String, Object> of(ReleaseRow row) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("row", row.seq());
        r.put("hash", row.hash());
        r.put("isoTime", Instant.ofEpochMilli(row.time()).toString());
        r.put("time", TIME.format(Instant.ofEpochMilli(row.time()).atZone(VIETNAM)));
        r.put("clientId", row.clientId());
        r.put("client", clientName(row.clientId()));
        r.put("channelCode", row.channel());
        r.put("channel", label("dinhdanh.tracker.channel." + row.channel(), row.channel()));
        r.put("itemCodes", row.items());
        r.put("items", row.items().stream().map(i -> label("dinhdanh.tracker.item." + i, i)).distinct().toList());
        r.put("loaCode", row.loa() == null ? "" : row.loa());
        r.put("loa", row.loa() == null ? label("dinhdanh.tracker.notRecorded", "—") : label("dinhdanh.tracker.loa." + row.loa(), row.loa()));
        r.put("methodCode", row.method() == null ? "" : row.method());
        r.put("method", row.method() == null ? label("dinhdanh.tracker.notRecorded", "—")
                : label("dinhdanh.tracker.method." + row.method(), row.method()));
        return r;
    }

    List<Map<String, Object>> of(List<ReleaseRow> rows) {
        return rows.stream().map(this::of).toList();
    }

    /**
     * The client's display name (a {@code ${key}} name through the theme's messages) in the page's language, else
     * its id.
     */
    String clientName(String clientId) {
        ClientModel client = realm.getClientByClientId(clientId);
        String name = client == null ? null : client.getName();
        if (name == null || name.isBlank()) {
            return clientId;
        }
        if (name.startsWith("${") && name.endsWith("}")) {
            return messages.getProperty(name.substring(2, name.length() - 1), clientId);
        }
        return inLanguage(name, locale);
    }

    /**
     * A name written "Tên tiếng Việt · English name" (how the realm's clients are named, as the login pages read
     * them): the English half in English, the Vietnamese half otherwise; any other name as it is.
     */
    static String inLanguage(String name, Locale locale) {
        String[] halves = name.split(" · ", -1);
        if (halves.length != 2 || halves[0].isBlank() || halves[1].isBlank()) {
            return name;
        }
        return locale != null && "en".equals(locale.getLanguage()) ? halves[1] : halves[0];
    }

    String label(String key, String otherwise) {
        return messages.getProperty(key, otherwise);
    }
}
