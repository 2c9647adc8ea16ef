package vn.dinhdanh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class CommandTableTest {

    @Command(name = "tool", mixinStandardHelpOptions = true, subcommands = {Run.class, Quiet.class})
    static final class Tool {
    }

    @Command(name = "run", mixinStandardHelpOptions = true)
    static final class Run {
        @Parameters(index = "0", paramLabel = "N", description = "Which one.")
        int n;

        @Option(names = {"-p", "--port"}, defaultValue = "80", description = "A | B <port> (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--name", required = true, description = {"Two", "lines."})
        String name;

        @Option(names = "--secret", hidden = true, defaultValue = "x", description = "Not shown.")
        String secret;

        @Option(names = "--silent", defaultValue = "7", description = "Says nothing of its value.")
        int silent;
    }

    @Command(name = "quiet")
    static final class Quiet {
    }

    @Test
    @DisplayName("one table per command with arguments: positionals, then options as --help renders them, no --help")
    void rendersWhatHelpShows() {
        assertThat(CommandTable.of("./tool", new CommandLine(new Tool()))).isEqualTo("""
                `./tool run`

                | Option | Meaning |
                |---|---|
                | `N` | Required. Which one. |
                | `-p`, `--port` | A \\| B &lt;port> (default: 80). |
                | `--name` | Required. Two lines. |
                | `--silent` | Says nothing of its value. |
                """);
    }

    @Test
    @DisplayName("an option whose description does not say its default is named, hidden or not")
    void findsUndescribedDefaults() {
        assertThat(CommandTable.undescribedDefaults(new CommandLine(new Tool()))).containsExactly("run --secret", "run --silent");
    }
}
