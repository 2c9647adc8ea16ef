package vn.dinhdanh.app.push;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** No push service: logs that a push would go out (ids only); the app fetches its pending challenges. */
public final class LogPushSenderFactory implements PushSenderFactory {

    public static final String ID = "log";
    private static final Logger LOG = Logger.getLogger(LogPushSenderFactory.class);
    @Override
    public PushSender create(KeycloakSession session) {
        return new PushSender() {
            @Override
            public void send(PushMessage message) {
                LOG.debugf("push (not sent, no push service): challenge %s", message.challengeId());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 1; // the default when nothing else is chosen
    }
}
