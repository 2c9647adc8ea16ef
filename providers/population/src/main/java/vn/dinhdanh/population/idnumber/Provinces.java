package vn.dinhdanh.population.idnumber;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The province codes of digits 1-3, read once from {@code provinces.properties}. */
public final class Provinces {

    private static final Map<String, String> NAMES = load();

    private Provinces() {
    }

    public static boolean isKnown(String code) {
        return NAMES.containsKey(code);
    }

    /** Codes to names, in code order. */
    public static Map<String, String> all() {
        return NAMES;
    }

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = Provinces.class.getResourceAsStream("/vn/dinhdanh/population/provinces.properties")) {
            if (in == null) {
                throw new IllegalStateException("provinces.properties is missing from the population jar");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> names = new TreeMap<>();
        properties.forEach((code, name) -> names.put((String) code, (String) name));
        // Not Map.copyOf: its iteration order changes from one JVM to the next, and generators
        // that walk this map must draw the same population every time.
        return Collections.unmodifiableMap(names);
    }
}
