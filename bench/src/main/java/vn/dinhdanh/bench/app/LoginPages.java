package vn.dinhdanh.bench.app;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser reads from Keycloak's login pages (the dinhdanh theme over keycloak.v2): a form's action, a
 * {@code data-*} attribute, an element's text, the execution id of a login method on "try another way"'s
 * list. Plain string matching over the server's own markup, enough for pages whose shape the benchmark knows.
 */
final class LoginPages {

    /** The password login's name on the list of login methods, as the theme's default locale (vi) shows it. */
    static final String PASSWORD_METHOD = "Số định danh cá nhân và mật khẩu";

    private static final Pattern FORM_TAG = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private LoginPages() {
    }

    /** The action of the form with id {@code formId}, HTML entities decoded. */
    static Optional<String> formAction(String html, String formId) {
        Matcher forms = FORM_TAG.matcher(html);
        while (forms.find()) {
            String tag = forms.group();
            if (formId.equals(attribute(tag, "id").orElse(null))) {
                return attribute(tag, "action");
            }
        }
        return Optional.empty();
    }

    /** The first value of attribute {@code name} anywhere in {@code html}, HTML entities decoded. */
    static Optional<String> attribute(String html, String name) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(html);
        return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
    }

    /** The text of the element with id {@code id} (no child elements), stripped. */
    static Optional<String> text(String html, String id) {
        Matcher m = Pattern.compile("\\sid=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        return m.find() ? Optional.of(unescape(m.group(1)).strip()) : Optional.empty();
    }

    /** A login method on "try another way"'s list: where its form posts, and the execution it names. */
    record Choice(String action, String execution) {
    }

    /**
     * "Try another way"'s list (one form per method posting {@code authenticationExecution}, its name inside or
     * after it): the form of the method whose name is {@code method}.
     */
    static Optional<Choice> choice(String html, String method) {
        Matcher forms = FORM_TAG.matcher(html);
        int start = -1;
        String tag = null;
        while (true) {
            boolean found = forms.find();
            if (tag != null) {
                String item = html.substring(start, found ? forms.start() : html.length());
                Optional<String> execution = attribute(item, "value");
                if (unescape(item).contains(method) && execution.isPresent() && attribute(tag, "action").isPresent()) {
                    return Optional.of(new Choice(attribute(tag, "action").get(), execution.get()));
                }
                tag = null;
            }
            if (!found) {
                return Optional.empty();
            }
            // Any form: the dinhdanh theme gives each method its own form with no id, keycloak.v2 names them.
            start = forms.start();
            tag = forms.group();
        }
    }

    /** The entities Freemarker's HTML escaping writes, and numeric ones. */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(entity.startsWith("#x")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
