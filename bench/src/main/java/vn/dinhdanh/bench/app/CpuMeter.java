package vn.dinhdanh.bench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a phase (Linux {@code /proc}): Keycloak (the driver's child processes),
 * PostgreSQL (the postmaster of the run's data directory and its backends), the driver itself, and every other
 * process, in cores. On a shared machine this says whether a number was measured alone. Of Keycloak's, the part
 * its JIT compiler threads took: the price of a young JVM, which a server running for hours no longer pays.
 */
final class CpuMeter {

    /**
     * CPU ticks: the machine's busy and total (all cores), and each of the run's parts; {@code keycloakByPid} the
     * server processes one by one, so that a node stopped or started between two samples neither takes its whole
     * past away from the difference nor adds it.
     */
    record Sample(long busy, long total, long keycloak, long postgres, long driver, Map<Long, Long> keycloakByPid,
                  Map<Long, Long> jitByThread) {

        Sample(long busy, long total, long keycloak, long postgres, long driver) {
            this(busy, total, keycloak, postgres, driver, Map.of(), Map.of());
        }

        Sample(long busy, long total, long keycloak, long postgres, long driver, Map<Long, Long> keycloakByPid) {
            this(busy, total, keycloak, postgres, driver, keycloakByPid, Map.of());
        }

        /**
         * The JIT compiler threads' ticks between {@code from} and this sample, thread by thread. A thread that ended
         * between the samples is missed: the login benchmark's server keeps its compiler threads
         * ({@code -XX:-UseDynamicNumberOfCompilerThreads}), which the JVM otherwise ends when idle.
         */
        long jitSince(Sample from) {
            return since(jitByThread, from.jitByThread);
        }

        /** Keycloak's ticks between {@code from} and this sample: by process where both know it, else the totals. */
        long keycloakSince(Sample from) {
            if (keycloakByPid.isEmpty() && from.keycloakByPid.isEmpty()) {
                return keycloak - from.keycloak;
            }
            return since(keycloakByPid, from.keycloakByPid);
        }

        /** Ticks gained per process or thread; one new since {@code from} counts from its start (0 ticks then). */
        private static long since(Map<Long, Long> now, Map<Long, Long> before) {
            long ticks = 0;
            for (Map.Entry<Long, Long> each : now.entrySet()) {
                ticks += Math.max(0, each.getValue() - before.getOrDefault(each.getKey(), 0L));
            }
            return ticks;
        }
    }

    /** Cores used on average between two samples; {@code keycloakJit} is part of {@code keycloak}. */
    record Usage(double busy, double keycloak, double postgres, double driver, double keycloakJit) {

        Usage(double busy, double keycloak, double postgres, double driver) {
            this(busy, keycloak, postgres, driver, 0);
        }

        double others() {
            return Math.max(0, busy - keycloak - postgres - driver);
        }

        /** The server's cores: Keycloak's and PostgreSQL's, not the driver's. */
        double serverCores() {
            return keycloak + postgres;
        }

        /** Logins per second for each server core: the server's cost, without the driver's. */
        double perServerCore(double loginsPerSecond) {
            double server = serverCores();
            return server > 0 ? loginsPerSecond / server : 0;
        }

        /** The cores used on average over several periods, each {@code seconds[i]} long. */
        static Usage averaged(List<Usage> usages, double[] seconds) {
            double total = Arrays.stream(seconds).sum();
            double busy = 0, keycloak = 0, postgres = 0, driver = 0, jit = 0;
            for (int i = 0; i < usages.size(); i++) {
                double share = total > 0 ? seconds[i] / total : 0;
                Usage u = usages.get(i);
                busy += u.busy() * share;
                keycloak += u.keycloak() * share;
                postgres += u.postgres() * share;
                driver += u.driver() * share;
                jit += u.keycloakJit() * share;
            }
            return new Usage(busy, keycloak, postgres, driver, jit);
        }
    }

    private static final Path PROC = Path.of("/proc");

    private final String postgresData;
    private final int cores = Runtime.getRuntime().availableProcessors();

    /** @param postgresData the embedded PostgreSQL's data directory (its postmaster's {@code -D}) */
    CpuMeter(Path postgresData) {
        this.postgresData = postgresData.toString();
    }

    Sample sample() {
        long[] machine = machine(read(PROC.resolve("stat")).lines().findFirst().orElse(""));
        Map<Long, Long> byPid = new HashMap<>();
        Map<Long, Long> jit = new HashMap<>();
        // The server's processes: the Keycloak nodes (kc.sh and its JVM), not a cluster's HAProxy (counted as "other").
        ProcessHandle.current().descendants().filter(p -> !p.info().command().orElse("").endsWith("haproxy"))
                .forEach(p -> {
                    byPid.put(p.pid(), ticks(p));
                    jitThreads(p.pid(), jit);
                });
        long keycloak = byPid.values().stream().mapToLong(Long::longValue).sum();
        long postgres = postmaster().map(p -> ticks(p) + children(p) + p.descendants().mapToLong(CpuMeter::ticks).sum()).orElse(0L);
        return new Sample(machine[0], machine[1], keycloak, postgres, ticks(ProcessHandle.current()), Map.copyOf(byPid),
                Map.copyOf(jit));
    }

    Usage between(Sample from, Sample to) {
        double wallTicks = (double) (to.total() - from.total()) / cores;
        if (wallTicks <= 0) {
            return new Usage(0, 0, 0, 0);
        }
        return new Usage((to.busy() - from.busy()) / wallTicks, to.keycloakSince(from) / wallTicks,
                (to.postgres() - from.postgres()) / wallTicks, (to.driver() - from.driver()) / wallTicks,
                to.jitSince(from) / wallTicks);
    }

    /** {@code /proc/stat}'s {@code cpu} line: busy (user, nice, system, irq, softirq, steal) and total ticks. */
    static long[] machine(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return new long[] {0, 0};
        }
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = Long.parseLong(f[5]);
        long irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]);
        long steal = Long.parseLong(f[8]);
        long busy = user + nice + system + irq + softirq + steal;
        return new long[] {busy, busy + idle + iowait};
    }

    /** {@code /proc/<pid>/stat}: utime + stime, and cutime + cstime (reaped children), in ticks. */
    static long[] process(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return new long[] {0, 0};
        }
        String[] f = stat.substring(end + 2).trim().split("\\s+"); // f[0] is field 3 (state)
        if (f.length < 15) {
            return new long[] {0, 0};
        }
        return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
    }

    /** HotSpot names its compiler threads "C1 CompilerThread<n>" and "C2 CompilerThread<n>" (15 characters in /proc). */
    static boolean jitThread(String stat) {
        int start = stat.indexOf('(');
        return start >= 0 && (stat.startsWith("C1 CompilerThre", start + 1) || stat.startsWith("C2 CompilerThre", start + 1));
    }

    /** Ticks of the process's JIT compiler threads, by thread id, into {@code into}. */
    private static void jitThreads(long pid, Map<Long, Long> into) {
        try (Stream<Path> threads = Files.list(PROC.resolve(pid + "/task"))) {
            threads.forEach(thread -> {
                String stat = read(thread.resolve("stat"));
                if (jitThread(stat)) {
                    into.put(Long.parseLong(thread.getFileName().toString()), process(stat)[0]);
                }
            });
        } catch (IOException | RuntimeException e) {
            // the process ended meanwhile
        }
    }

    private static long ticks(ProcessHandle process) {
        return process(read(PROC.resolve(process.pid() + "/stat")))[0];
    }

    /** The postmaster reaps its backends: their time, once they have ended. */
    private static long children(ProcessHandle process) {
        return process(read(PROC.resolve(process.pid() + "/stat")))[1];
    }

    private Optional<ProcessHandle> postmaster() {
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                String command = read(p.resolve("cmdline")).replace('\0', ' ');
                if (command.contains("postgres") && command.contains(" -D " + postgresData)) {
                    ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(found::add);
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        return found.stream().findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return ""; // a process that ended meanwhile, or no /proc
        }
    }
}
