package vn.dinhdanh.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.infinispan.protostream.SerializationContextInitializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What crosses between nodes: Keycloak's build finds the schema by ServiceLoader and wraps the event in a WrappedMessage. */
class WakeupMarshallingTest {

    @Test
    @DisplayName("the schema is a ServiceLoader service, and a wakeup survives the trip as a WrappedMessage")
    void roundTrip() throws Exception {
        SerializationContext context = ProtobufUtil.newSerializationContext();
        boolean found = false;
        for (SerializationContextInitializer initializer : ServiceLoader.load(SerializationContextInitializer.class)) {
            if (initializer instanceof WakeupSchema) {
                initializer.register(context);
                found = true;
            }
        }
        assertThat(found).isTrue();

        byte[] bytes = ProtobufUtil.toWrappedByteArray(context, new Wakeup("abcdefghijklmnopqrstuv", "DECIDED", 1764900000123L));
        Object back = ProtobufUtil.fromWrappedByteArray(context, bytes);

        assertThat(back).isInstanceOfSatisfying(Wakeup.class, w -> {
            assertThat(w.key()).isEqualTo("abcdefghijklmnopqrstuv");
            assertThat(w.state()).isEqualTo("DECIDED");
            assertThat(w.recordedAt()).isEqualTo(1764900000123L);
        });
    }
}
