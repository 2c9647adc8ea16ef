package vn.dinhdanh.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The login pages a provider renders ship in its jar ({@code src/main/resources/theme-resources/}: templates, messages,
 * resources), so that every login theme gets them; this theme keeps its own pages. Each page, message key and resource
 * has one owner: the theme or one provider, never a copy in both.
 */
class PageOwnersTest {

    private static final Path ROOT = checkout();
    private static final Path THEME = ROOT.resolve("themes/src/main/resources/theme/dinhdanh/login");
    /** {@code msg("key")} or {@code msg("key", …)}, and the buttons' {@code label="key"}; not a key built at run time. */
    private static final Pattern KEY = Pattern.compile("msg\\(\"([^\"]+)\"\\s*[,)]|(?<![-\\w])label=\"([^\"$]+)\"");

    private static Path checkout() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("providers"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the checkout's providers/").isNotNull();
        return dir;
    }

    /** Every provider module's {@code theme-resources} folder. */
    private static List<Path> providerResources() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT.resolve("providers"))) {
            return modules.map(m -> m.resolve("src/main/resources/theme-resources")).filter(Files::isDirectory).sorted().toList();
        }
    }

    private static Properties bundle(Path messages, String language) throws IOException {
        Properties properties = new Properties();
        Path file = messages.resolve("messages_" + language + ".properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static Set<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    @Test
    @DisplayName("the four provider pages ship in the jar of the provider that renders them")
    void pagesShipWithTheirProviders() {
        assertThat(ROOT.resolve("providers/app/src/main/resources/theme-resources/templates/dinhdanh-app.ftl")).exists();
        assertThat(ROOT.resolve("providers/chip/src/main/resources/theme-resources/templates/dinhdanh-chip.ftl")).exists();
        assertThat(ROOT.resolve("providers/assurance/src/main/resources/theme-resources/templates/dinhdanh-level-2.ftl")).exists();
        assertThat(ROOT.resolve("providers/tracker/src/main/resources/theme-resources/templates/dinhdanh-data-tracker.ftl")).exists();
    }

    @Test
    @DisplayName("each provider's bundle: the same keys in Vietnamese and English, none empty, and every key its pages name")
    void providerBundlesAreComplete() throws IOException {
        List<Path> all = providerResources();
        assertThat(all).isNotEmpty();
        for (Path resources : all) {
            Properties vi = bundle(resources.resolve("messages"), "vi");
            Properties en = bundle(resources.resolve("messages"), "en");
            assertThat(vi.stringPropertyNames()).as(resources + ": vi and en").isEqualTo(en.stringPropertyNames());
            for (Properties b : List.of(vi, en)) {
                b.forEach((key, value) -> assertThat(value.toString()).as(resources + ": " + key).isNotBlank());
            }
            for (String template : files(resources.resolve("templates"))) {
                Matcher m = KEY.matcher(Files.readString(resources.resolve("templates").resolve(template)));
                while (m.find()) {
                    String key = m.group(1) != null ? m.group(1) : m.group(2);
                    assertThat(vi).as(template + " names " + key + " (vi)").containsKey(key);
                    assertThat(en).as(template + " names " + key + " (en)").containsKey(key);
                }
            }
        }
    }

    @Test
    @DisplayName("the theme's own bundle: the same keys in Vietnamese and English")
    void themeBundleIsComplete() throws IOException {
        assertThat(bundle(THEME.resolve("messages"), "vi").stringPropertyNames())
                .isEqualTo(bundle(THEME.resolve("messages"), "en").stringPropertyNames());
    }

    @Test
    @DisplayName("one owner per message key: never in the theme and a provider, nor in two providers")
    void oneOwnerPerKey() throws IOException {
        Map<String, String> owners = new HashMap<>();
        bundle(THEME.resolve("messages"), "vi").stringPropertyNames().forEach(k -> owners.put(k, "the dinhdanh theme"));
        List<String> twice = new ArrayList<>();
        for (Path resources : providerResources()) {
            for (String key : bundle(resources.resolve("messages"), "vi").stringPropertyNames()) {
                String before = owners.putIfAbsent(key, resources.toString());
                if (before != null) {
                    twice.add(key + " (" + before + " and " + resources + ")");
                }
            }
        }
        assertThat(twice).isEmpty();
    }

    @Test
    @DisplayName("one owner per template and resource: no copy in the theme of what a provider ships, nor in two providers")
    void oneOwnerPerFile() throws IOException {
        Set<String> templates = new TreeSet<>(files(THEME).stream().filter(f -> f.endsWith(".ftl") && !f.contains("/")).toList());
        Set<String> resources = new TreeSet<>(files(THEME.resolve("resources")));
        for (Path provider : providerResources()) {
            for (String template : files(provider.resolve("templates"))) {
                assertThat(templates.add(template)).as(template + " has two owners").isTrue();
            }
            for (String resource : files(provider.resolve("resources"))) {
                assertThat(resources.add(resource)).as(resource + " has two owners").isTrue();
            }
        }
    }
}
