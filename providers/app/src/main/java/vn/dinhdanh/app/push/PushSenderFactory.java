package vn.dinhdanh.app.push;

import org.keycloak.provider.ProviderFactory;

public interface PushSenderFactory extends ProviderFactory<PushSender> {
}
