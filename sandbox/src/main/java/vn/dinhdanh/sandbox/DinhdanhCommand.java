package vn.dinhdanh.sandbox;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./dinhdanh}: the sandbox command line. */
@Command(name = "dinhdanh", mixinStandardHelpOptions = true, version = "dinhdanh sandbox 0.1",
        description = "Runs dinhdanh, Vietnam's national e-identity provider, on this machine.",
        subcommands = {UpCommand.class, PopulationCommand.class, CitizensCommand.class, ChipCommand.class, AppCommand.class,
                AuditCommand.class, NodesCommand.class})
public final class DinhdanhCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line; a {@link SandboxException} becomes one line on stderr and exit code 2. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.err, true), args);
    }

    static int execute(PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new DinhdanhCommand()).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SandboxException) {
                cmd.getErr().println("dinhdanh: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
