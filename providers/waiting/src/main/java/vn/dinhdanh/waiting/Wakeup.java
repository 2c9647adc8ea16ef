package vn.dinhdanh.waiting;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoTypeId;
import org.keycloak.cluster.ClusterEvent;

/**
 * "What challenge {@code key} waited for happened": sent through Keycloak's {@code ClusterProvider} to every
 * node once the new state is committed to the cluster-wide store. It carries the state the waiting page is
 * told ({@code decided}, {@code scanned}, {@code answered}: never the decision or who made it) and when it
 * was recorded, for the approval-to-continue meter. Marshalled by ProtoStream between nodes ({@link WakeupSchema}).
 */
@ProtoTypeId(Wakeup.TYPE_ID)
public final class Wakeup implements ClusterEvent {

    /**
     * ProtoStream type id, unique in the cluster's marshaller: Infinispan keeps 0–4095 and Keycloak the
     * 65536 range; dinhdanh's start at 7_004_000.
     */
    static final int TYPE_ID = 7_004_001;

    private final String key;
    private final String state;
    private final long recordedAt;

    @ProtoFactory
    public Wakeup(String key, String state, long recordedAt) {
        this.key = key;
        this.state = state;
        this.recordedAt = recordedAt;
    }

    /** The challenge id waited on. */
    @ProtoField(1)
    public String key() {
        return key;
    }

    /** The state the waiting page is told. */
    @ProtoField(2)
    public String state() {
        return state;
    }

    /** Epoch milliseconds when the node that recorded it committed it. */
    @ProtoField(value = 3, defaultValue = "0")
    public long recordedAt() {
        return recordedAt;
    }

    @Override
    public String toString() {
        return "Wakeup[" + state + "]"; // the id is a bearer of nothing, but logs need none of it
    }
}
