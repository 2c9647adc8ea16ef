package vn.dinhdanh.app.push.mobile;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jboss.logging.Logger;
import vn.dinhdanh.app.push.PushMessage;
import vn.dinhdanh.app.push.PushSender;
import vn.dinhdanh.app.push.PushTarget;

/**
 * Sends a push to the device's platform, FCM or APNs, with the realm's settings; a device without a push target,
 * or a platform the realm has not configured, gets nothing (the app still fetches). Never waits and never throws:
 * the outcome is logged (realm, platform, status) when the service answers.
 */
final class MobilePushSender implements PushSender {

    private static final Logger LOG = Logger.getLogger(MobilePushSender.class);

    private final Function<String, RealmPushSettings> settings;
    private final FcmSender fcm;
    private final ApnsSender apns;

    /** @param settings a realm's push settings by realm name */
    MobilePushSender(Function<String, RealmPushSettings> settings, FcmSender fcm, ApnsSender apns) {
        this.settings = settings;
        this.fcm = fcm;
        this.apns = apns;
    }

    @Override
    public void send(PushMessage message) {
        dispatch(message);
    }

    /** @return done once the outcome is logged (at once when nothing is sent); never fails */
    CompletableFuture<Void> dispatch(PushMessage message) {
        PushTarget target = message.target();
        if (target == null) {
            LOG.debug("push not sent: the device has no push target");
            return CompletableFuture.completedFuture(null);
        }
        try {
            RealmPushSettings realm = settings.apply(message.realm());
            Optional<CompletableFuture<PushResult>> sent = switch (target.platform()) {
                case FCM -> realm.fcm().map(config -> fcm.send(config, message));
                case APNS -> realm.apns().map(config -> apns.send(config, message));
            };
            if (sent.isEmpty()) {
                LOG.debugf("push not sent: %s is not configured for the realm", target.platform());
                return CompletableFuture.completedFuture(null);
            }
            return sent.get().handle((result, failure) -> {
                log(message.realm(), target.platform(), result, failure);
                return null;
            });
        } catch (InvalidPushConfig e) {
            LOG.warnf("push not sent: realm %s, %s: %s", message.realm(), target.platform(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("push not sent: realm %s, %s: %s", message.realm(), target.platform(), e.getClass().getSimpleName());
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
    }

    private static void log(String realm, PushTarget.Platform platform, PushResult result, Throwable failure) {
        if (result != null && result.accepted()) {
            LOG.debugf("push sent: realm %s, %s, status %d", realm, platform, result.status());
        } else if (result != null) {
            LOG.warnf("push refused: realm %s, %s, status %d%s", realm, platform, result.status(),
                    result.reason() != null ? " " + result.reason() : "");
        } else {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            LOG.warnf("push failed: realm %s, %s: %s", realm, platform,
                    cause instanceof PushFailure ? cause.getMessage() : cause.getClass().getSimpleName());
        }
    }
}
