package vn.dinhdanh.assurance;

import java.util.Map;
import java.util.Properties;

/**
 * What a page's {@code msg(...)} looks keys up in: the message bundle, then the page's attributes as they were
 * when the bundle was attached. Keycloak copies both into one new map for every page; this reads through them
 * instead. Only the lookups {@code MessageFormatterMethod} makes are answered; it is never written to.
 */
final class MessagesThenAttributes extends Properties {

    private final transient Properties messages;
    private final transient Map<String, Object> attributes;

    MessagesThenAttributes(Properties messages, Map<String, Object> attributes) {
        this.messages = messages;
        this.attributes = attributes;
    }

    @Override
    public Object get(Object key) {
        Object message = messages.get(key);
        return message != null ? message : attributes.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        Object value = get(key);
        return value != null ? value : defaultValue;
    }

    @Override
    public boolean containsKey(Object key) {
        return messages.containsKey(key) || attributes.containsKey(key);
    }

    @Override
    public String getProperty(String key) {
        return get(key) instanceof String value ? value : null;
    }

    @Override
    public String getProperty(String key, String defaultValue) {
        String value = getProperty(key);
        return value != null ? value : defaultValue;
    }
}
