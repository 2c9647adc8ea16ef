package vn.dinhdanh.virtualchip;

import java.text.Normalizer;
import java.util.Locale;

/** Vietnamese to MRZ characters: diacritics dropped, {@code Đ} to {@code D}, upper case (ICAO 9303 part 3). */
final class Transliteration {

    private Transliteration() {
    }

    static String toMrz(String vietnamese) {
        // Đ/đ is a letter of its own, not D plus a combining mark: NFD leaves it alone.
        String base = vietnamese.replace('Đ', 'D').replace('đ', 'd');
        String stripped = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return stripped.toUpperCase(Locale.ROOT).replaceAll("[^A-Z ]", "").trim();
    }
}
