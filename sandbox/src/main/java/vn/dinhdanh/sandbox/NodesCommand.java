package vn.dinhdanh.sandbox;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.dinhdanh.sandbox.cluster.ClusterControl;

/** {@code ./dinhdanh nodes [kill|start N]}: the nodes of a running {@code up --nodes N}. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "Lists the Keycloak nodes of a running `up --nodes N`, one JSON line each "
                + "({\"node\", \"url\", \"pid\", \"ready\", \"clusterSize\"}); kills (SIGKILL) or starts one again.",
        subcommands = {NodesCommand.Kill.class, NodesCommand.Start.class})
final class NodesCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "The running sandbox's data directory (default: .dinhdanh in the checkout).")
    Path dataDirectory;

    @Override
    public Integer call() {
        System.out.print(ClusterControl.call(SandboxPaths.data(dataDirectory), "GET", "/nodes"));
        return 0;
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Kills node N at once (SIGKILL, as a crash does); the others and the balancer carry on.")
    static final class Kill implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "N", description = "The node's number (1, 2, ...).")
        int node;

        @Option(names = "--data-dir", description = "The running sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        @Override
        public Integer call() {
            System.out.print(ClusterControl.call(SandboxPaths.data(dataDirectory), "POST", "/nodes/" + node + "/kill"));
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts node N again into the same cluster; returns once it is ready and has joined.")
    static final class Start implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "N", description = "The node's number (1, 2, ...).")
        int node;

        @Option(names = "--data-dir", description = "The running sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        @Override
        public Integer call() {
            System.out.print(ClusterControl.call(SandboxPaths.data(dataDirectory), "POST", "/nodes/" + node + "/start"));
            return 0;
        }
    }
}
