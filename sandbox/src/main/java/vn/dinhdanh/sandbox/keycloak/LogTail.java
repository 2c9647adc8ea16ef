package vn.dinhdanh.sandbox.keycloak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the line of a server log that explains a failure, to print it in one line. */
final class LogTail {

    private LogTail() {
    }

    static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.contains("ERROR") || line.startsWith("Caused by") || line.contains("Exception")) {
                    return line.strip();
                }
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "log unreadable (" + e.getMessage() + ")";
        }
    }
}
