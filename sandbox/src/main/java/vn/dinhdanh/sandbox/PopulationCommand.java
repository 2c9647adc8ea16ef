package vn.dinhdanh.sandbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.sandbox.registry.PopulationGenerator;
import vn.dinhdanh.sandbox.registry.RegistryDatabase;
import vn.dinhdanh.sandbox.registry.SandboxRegistry;

/** {@code ./dinhdanh population generate}: more synthetic citizens in the sandbox registry. */
@Command(name = "population", mixinStandardHelpOptions = true, description = "The sandbox's synthetic population registry.",
        subcommands = PopulationCommand.Generate.class)
final class PopulationCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Adds synthetic citizens (deterministic for a seed), bulk-loaded with COPY in one transaction.")
    static final class Generate implements Callable<Integer> {

        @Option(names = "--count", required = true, description = "How many citizens to add (1 to 200000000).")
        long count;

        @Option(names = "--seed", defaultValue = "" + PopulationGenerator.DEFAULT_SEED, description = "Seed of the synthetic citizens: citizen i of a seed is always the same person "
                + "(default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--data-dir", description = "The sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        @Override
        public Integer call() {
            if (count < 1 || count > 200_000_000) {
                throw new SandboxException("--count must be between 1 and 200000000");
            }
            try (SandboxRegistry registry = SandboxRegistry.open(SandboxPaths.data(dataDirectory));
                 Connection connection = RegistryDatabase.connect(registry.owner())) {
                PopulationGenerator.Result result = new PopulationGenerator(seed).generate(connection, count,
                        done -> System.out.printf(Locale.ROOT, "\rdinhdanh: %,d / %,d", done, count));
                System.out.printf(Locale.ROOT, "%ndinhdanh: added %,d citizens and %,d cards in %.1f s (%,.0f citizens/s)%n",
                        result.citizens(), result.cards(), result.took().toMillis() / 1000.0,
                        result.citizens() / Math.max(0.001, result.took().toMillis() / 1000.0));
                return 0;
            } catch (SQLException e) {
                throw new SandboxException("population generate failed, nothing was added: " + e.getMessage(), e);
            }
        }
    }
}
