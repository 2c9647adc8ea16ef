package vn.dinhdanh.tracker.chain;

import java.util.List;

/**
 * One recorded release of a citizen's personal data, as stored: a link of the chain.
 *
 * @param seq       position in the chain, 1, 2, 3 … without gaps
 * @param time      epoch milliseconds of the release
 * @param realmId   Keycloak's realm id
 * @param clientId  the relying party ({@code client_id} / SAML entity id)
 * @param subject   the citizen's pseudonym (keyed HMAC of the user id): never the ID number
 * @param channel   {@link Channel#code()}
 * @param items     names of the claims / attributes / fields released, sorted
 * @param loa       Keycloak's level of authentication of the login (client session note), or null
 * @param acr       the acr (or SAML AuthnContextClassRef) sent, or null
 * @param method    the login method (user session note {@code dinhdanh.auth.method}), or null
 * @param prevHash  the previous row's hash (the genesis value for row 1)
 * @param hash      HMAC over {@code prevHash} and this row's other fields
 */
public record ReleaseRow(long seq, long time, String realmId, String clientId, String subject, String channel,
                         List<String> items, String loa, String acr, String method, String prevHash, String hash) {

    public ReleaseRow {
        items = List.copyOf(items);
    }

    /** The same row with its place in the chain and its hash: what {@link ChainKey#link} produces. */
    public ReleaseRow linked(long seq, String prevHash, String hash) {
        return new ReleaseRow(seq, time, realmId, clientId, subject, channel, items, loa, acr, method, prevHash, hash);
    }

    /** Items as stored in one column: comma-separated (claim and attribute names never contain commas). */
    public String itemsColumn() {
        return String.join(",", items);
    }

    public static List<String> itemsFromColumn(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
    }

    @Override
    public String toString() {
        // The subject is a pseudonym, but a log line needs only the position.
        return "ReleaseRow[" + seq + ", " + channel + ", " + clientId + "]";
    }
}
