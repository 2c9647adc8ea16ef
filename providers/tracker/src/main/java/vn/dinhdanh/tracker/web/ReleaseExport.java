package vn.dinhdanh.tracker.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.RealmModel;
import vn.dinhdanh.tracker.chain.ReleaseRow;

/** Rows as the operators' export shows them: JSON objects or CSV lines (RFC 4180 quoting). */
final class ReleaseExport {

    private static final String HEADER = "row,time,client,subject,channel,items,loa,acr,method,row_hash";

    private ReleaseExport() {
    }

    static List<Map<String, Object>> json(List<ReleaseRow> rows, RealmModel realm) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReleaseRow row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("row", row.seq());
            r.put("time", Instant.ofEpochMilli(row.time()).toString());
            r.put("client", row.clientId());
            r.put("subject", row.subject());
            r.put("channel", row.channel());
            r.put("items", row.items());
            r.put("loa", row.loa());
            r.put("acr", row.acr());
            r.put("method", row.method());
            r.put("rowHash", row.hash());
            out.add(r);
        }
        return out;
    }

    static String csv(List<ReleaseRow> rows, RealmModel realm) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (ReleaseRow row : rows) {
            out.append(row.seq()).append(',').append(Instant.ofEpochMilli(row.time())).append(',')
                    .append(cell(row.clientId())).append(',').append(row.subject()).append(',').append(row.channel()).append(',')
                    .append(cell(String.join(";", row.items()))).append(',').append(cell(row.loa())).append(',')
                    .append(cell(row.acr())).append(',').append(cell(row.method())).append(',').append(row.hash()).append("\r\n");
        }
        return out.toString();
    }

    private static final String CITIZEN_HEADER = "row,time,client_id,client,channel,items,level,method,row_hash";

    /** A citizen's own rows, in words (ReleaseLabels), codes beside them: what the page's download gives. */
    static String citizenCsv(List<Map<String, Object>> labelled) {
        StringBuilder out = new StringBuilder(CITIZEN_HEADER).append("\r\n");
        for (Map<String, Object> r : labelled) {
            @SuppressWarnings("unchecked")
            List<String> items = (List<String>) r.get("items");
            out.append(r.get("row")).append(',').append(r.get("isoTime")).append(',').append(cell((String) r.get("clientId")))
                    .append(',').append(cell((String) r.get("client"))).append(',').append(cell((String) r.get("channel")))
                    .append(',').append(cell(String.join("; ", items))).append(',').append(cell((String) r.get("loa")))
                    .append(',').append(cell((String) r.get("method"))).append(',').append(r.get("hash")).append("\r\n");
        }
        return out.toString();
    }

    static List<Map<String, Object>> citizenJson(List<Map<String, Object>> labelled) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : labelled) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("row", r.get("row"));
            o.put("time", r.get("isoTime"));
            o.put("clientId", r.get("clientId"));
            o.put("client", r.get("client"));
            o.put("channel", r.get("channelCode"));
            o.put("channelName", r.get("channel"));
            o.put("items", r.get("itemCodes"));
            o.put("itemNames", r.get("items"));
            o.put("loa", r.get("loaCode"));
            o.put("level", r.get("loa"));
            o.put("method", r.get("methodCode"));
            o.put("methodName", r.get("method"));
            o.put("rowHash", r.get("hash"));
            out.add(o);
        }
        return out;
    }

    /** Quoted when needed; a leading = + - @ is neutralised so that a spreadsheet never runs a cell as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
