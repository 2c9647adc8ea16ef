package vn.dinhdanh.options;

import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * A provider's options as a Markdown table (docs/configuration.md), rendered from what the provider declares
 * ({@code getConfigMetadata()}), so that the document cannot drift from the code: one row per option, its name as a
 * Keycloak option and as an environment variable, its default, its help text.
 */
public final class OptionsTable {

    public static final String HEADER = "| Keycloak option | Default | Meaning |\n|---|---|---|\n";

    private OptionsTable() {
    }

    /** The rows of {@code options}, options of provider {@code provider} of SPI {@code spi}. */
    public static String rows(String spi, String provider, List<ProviderConfigProperty> options) {
        StringBuilder rows = new StringBuilder();
        for (ProviderConfigProperty option : options) {
            String name = "spi-" + spi + "--" + provider + "--" + option.getName();
            rows.append("| `").append(name).append("`, `").append(RenamedOptions.environment(name)).append("` | ")
                    .append(defaultValue(option)).append(" | ").append(text(option.getHelpText())).append(" |\n");
        }
        return rows.toString();
    }

    private static String defaultValue(ProviderConfigProperty option) {
        Object value = option.getDefaultValue();
        if (option.isSecret()) {
            return "none (secret)";
        }
        return value == null || value.toString().isEmpty() ? "none" : "`" + value + "`";
    }

    /** Help text as table cell text: a bar would end the cell, an angle bracket open an HTML tag. */
    private static String text(String help) {
        return help == null ? "" : help.replace("|", "\\|").replace("<", "&lt;");
    }

    /** The text between two marker lines of a document (both required), for comparing with {@link #rows}. */
    public static String between(String document, String begin, String end) {
        int from = document.indexOf(begin + "\n");
        int to = document.indexOf(end, Math.max(from, 0));
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("the document has no section between " + begin + " and " + end);
        }
        return document.substring(from + begin.length() + 1, to);
    }
}
