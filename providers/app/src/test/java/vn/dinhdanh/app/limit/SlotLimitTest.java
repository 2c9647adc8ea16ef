package vn.dinhdanh.app.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class SlotLimitTest {

    /** Keycloak's single-use store as its contract reads: entries live for their lifespan on a clock the test moves. */
    private static final class Store implements SingleUseObjectProvider {
        final Map<String, Long> expiries = new HashMap<>();
        final AtomicInteger writes = new AtomicInteger();
        long now;

        private boolean live(String key) {
            Long expiry = expiries.get(key);
            return expiry != null && expiry > now;
        }

        @Override public boolean putIfAbsent(String key, long lifespanInSeconds) {
            writes.incrementAndGet();
            if (live(key)) {
                return false;
            }
            expiries.put(key, now + lifespanInSeconds);
            return true;
        }
        @Override public boolean contains(String key) { return live(key); }
        @Override public void put(String key, long lifespanSeconds, Map<String, String> notes) { expiries.put(key, now + lifespanSeconds); }
        @Override public Map<String, String> get(String key) { return live(key) ? Map.of() : null; }
        @Override public Map<String, String> remove(String key) { return expiries.remove(key) != null ? Map.of() : null; }
        @Override public boolean replace(String key, Map<String, String> notes) { return live(key); }
        @Override public void close() { }
    }

    @Test
    @DisplayName("exactly the limit in a window, whatever the order slots are tried in; all free again when it ends")
    void limit() {
        Store store = new Store();
        for (int limit : new int[] {1, 3, 10, 500}) {
            int taken = 0;
            while (SlotLimit.take(store, "k" + limit, limit, 60)) {
                taken++;
            }
            assertThat(taken).as("limit %d", limit).isEqualTo(limit);
            assertThat(SlotLimit.take(store, "k" + limit, limit, 60)).isFalse();
        }
        store.now += 60;
        assertThat(SlotLimit.take(store, "k500", 500, 60)).isTrue();
        assertThat(SlotLimit.take(store, "other", 0, 60)).as("no limit is no take").isFalse();
    }

    @Test
    @DisplayName("a high limit stays cheap: a take costs a few writes while few slots are taken, not one per slot taken")
    void cheapUnderAHighLimit() {
        Store store = new Store();
        for (int i = 0; i < 2_000; i++) {
            assertThat(SlotLimit.take(store, "address", 100_000, 60)).isTrue();
        }
        int before = store.writes.get();
        for (int i = 0; i < 100; i++) {
            SlotLimit.take(store, "address", 100_000, 60);
        }
        assertThat(store.writes.get() - before).as("writes for 100 takes with 2%% of the slots taken").isLessThan(150);
    }

    @Test
    @DisplayName("refusals once full cost a read each for a second, then the slots are tried again")
    void refusalsAreCheap() {
        Store store = new Store();
        for (int i = 0; i < 1_000; i++) {
            SlotLimit.take(store, "script", 1_000, 60);
        }
        assertThat(SlotLimit.take(store, "script", 1_000, 60)).isFalse();
        int before = store.writes.get();
        for (int i = 0; i < 100; i++) {
            assertThat(SlotLimit.take(store, "script", 1_000, 60)).isFalse();
        }
        assertThat(store.writes.get() - before).isZero();
        store.now += 1;
        assertThat(SlotLimit.take(store, "script", 1_000, 60)).as("still full: every slot tried again").isFalse();
        assertThat(store.writes.get() - before).isGreaterThanOrEqualTo(1_000);
    }
}
