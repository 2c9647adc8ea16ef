package vn.dinhdanh.tracker;

import java.util.Collection;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import vn.dinhdanh.tracker.chain.Channel;

/**
 * A release about to be recorded: who received what about whom. The user id is turned into a pseudonym before
 * anything is stored; {@link #toString()} names neither.
 */
public final class Release {

    private final String realmId;
    private final String clientId;
    private final String userId;
    private final Channel channel;
    private final SortedSet<String> items = new TreeSet<>();
    private String loa;
    private String acr;
    private String method;

    public Release(String realmId, String clientId, String userId, Channel channel) {
        this.realmId = Objects.requireNonNull(realmId);
        this.clientId = Objects.requireNonNull(clientId);
        this.userId = Objects.requireNonNull(userId);
        this.channel = Objects.requireNonNull(channel);
    }

    /** Two tokens of one response (ID and access token) are one release: their items add up. */
    public Release items(Collection<String> released) {
        items.addAll(released);
        return this;
    }

    public Release loa(String value) {
        loa = loa == null ? value : loa;
        return this;
    }

    public Release acr(String value) {
        acr = acr == null ? value : acr;
        return this;
    }

    public Release method(String value) {
        method = method == null ? value : method;
        return this;
    }

    /** Releases of one request that are the same release (same client, citizen, channel). */
    String key() {
        return realmId + '\n' + clientId + '\n' + userId + '\n' + channel.code();
    }

    void mergeFrom(Release other) {
        items(other.items).loa(other.loa).acr(other.acr).method(other.method);
    }

    public String realmId() {
        return realmId;
    }

    public String clientId() {
        return clientId;
    }

    public String userId() {
        return userId;
    }

    public Channel channel() {
        return channel;
    }

    public SortedSet<String> items() {
        return items;
    }

    public String loa() {
        return loa;
    }

    public String acr() {
        return acr;
    }

    public String method() {
        return method;
    }

    @Override
    public String toString() {
        return "Release[" + clientId + ", " + channel.code() + ", " + items + "]";
    }
}
