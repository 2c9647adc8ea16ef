package vn.dinhdanh.bench.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The soak ({@code bench/logins --soak 10m}): app push, app QR, chip and stock-flow password logins, a quarter each,
 * arriving at a fixed rate on a cluster behind HAProxy for a given time, one node restarted half-way. A login's time
 * counts from the moment it was due, not from when a driver's worker took it, so a server that falls behind shows in
 * p99 instead of slowing the arrivals (no coordinated omission). Each node's heap is taken after a full collection
 * before and after the load; the CPU of the server's processes every minute.
 */
final class SoakRun {

    /** The kinds of the mix, in the order arrivals cycle through them. */
    static final List<AppLoginRun.Kind> MIX = List.of(AppLoginRun.Kind.APP_PUSH, AppLoginRun.Kind.APP_QR, AppLoginRun.Kind.CHIP,
            AppLoginRun.Kind.PASSWORD_STOCK);

    /** What to run: the timed length, an untimed warm-up at the same rate, arrivals per second, driver workers. */
    record Settings(Duration length, Duration warmup, double perSecond, int workers, long[] thinkMillis, boolean tokenExchange) {
    }

    /** The cluster as the soak sees it: its nodes, each one's JVM, and a restart (returns once the node is back). */
    interface Nodes {
        List<Integer> numbers();

        Optional<ProcessHandle> jvm(int number);

        void stop(int number);

        void start(int number);
    }

    /** A login that reached the relying party: when it ended (since the timed start), its kind, its time from due to end. */
    record Done(long atNanos, AppLoginRun.Kind kind, long nanos) {
    }

    /** A login that did not: when, its kind, why (never a citizen). */
    record Failed(long atNanos, AppLoginRun.Kind kind, String cause) {
    }

    /** Something the soak did to the cluster, and when (since the timed start). */
    record Event(long atNanos, String what) {
    }

    /** A login due at {@code dueNanos} (System.nanoTime). */
    private record Arrival(long dueNanos, AppLoginRun.Kind kind) {
    }

    private static final String BACKLOG = "not started: every driver worker busy and 20 logins per worker waiting (the driver fell behind)";

    private final Settings settings;
    private final Nodes nodes;
    private final RelyingParty portal;
    private final RelyingParty stock;
    private final Rotation<AppLogin.Citizen> enrolled;
    private final Rotation<PasswordLogin.Citizen> withPassword;
    private final Rotation<ChipLogin.Card> cards;
    private final CpuMeter meter;
    private final HeapProbe heap;
    private final PagePoll.Waiting waiting = new PagePoll.Waiting();

    SoakRun(Settings settings, Nodes nodes, RelyingParty portal, RelyingParty stock, Rotation<AppLogin.Citizen> enrolled,
            Rotation<PasswordLogin.Citizen> withPassword, Rotation<ChipLogin.Card> cards, CpuMeter meter, HeapProbe heap) {
        this.settings = settings;
        this.nodes = nodes;
        this.portal = portal;
        this.stock = stock;
        this.enrolled = enrolled;
        this.withPassword = withPassword;
        this.cards = cards;
        this.meter = meter;
        this.heap = heap;
    }

    SoakReport run() throws InterruptedException {
        if (!settings.warmup().isZero()) {
            say(String.format(Locale.ROOT, "warm-up: %d s at %.1f logins/s (not counted)", settings.warmup().toSeconds(), settings.perSecond()));
            load(settings.warmup(), System.nanoTime(), null, new Records());
        }
        Map<Integer, Long> heapBefore = heaps("start");
        int restarted = nodes.numbers().get(nodes.numbers().size() - 1);
        Records records = new Records();
        long start = System.nanoTime();
        List<CpuMeter.Usage> minutes = new ArrayList<>();
        Thread cpu = minuteMeter(minutes);
        Thread restart = new Thread(() -> restart(restarted, start, records), "soak-restart");
        restart.setDaemon(true);
        say(String.format(Locale.ROOT, "soak: %d s at %.1f logins/s (%s, a quarter each), %d driver workers; node %d restarted half-way",
                settings.length().toSeconds(), settings.perSecond(), MIX.stream().map(k -> k.key).toList(), settings.workers(), restarted));
        cpu.start();
        load(settings.length(), start, restart, records);
        cpu.interrupt();
        cpu.join();
        restart.join(TimeUnit.MINUTES.toMillis(5));
        long wall = System.nanoTime() - start;
        Map<Integer, Long> heapAfter = heaps("end");
        return new SoakReport(settings, wall, records.done(), records.failed(), records.events(), minutes, heapBefore, heapAfter,
                restarted);
    }

    /** Arrivals at the rate for {@code length}; returns once every started login has ended. */
    private void load(Duration length, long start, Thread duringLoad, Records records) throws InterruptedException {
        BlockingQueue<Arrival> arrivals = new ArrayBlockingQueue<>(settings.workers() * 20);
        AtomicBoolean arriving = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < settings.workers(); w++) {
            Thread worker = new Thread(new Worker(arrivals, arriving, start, records), "soak-" + w);
            workers.add(worker);
            worker.start();
        }
        if (duringLoad != null) {
            duringLoad.start();
        }
        long interval = Math.round(1e9 / settings.perSecond());
        long end = start + length.toNanos();
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due >= end) {
                break;
            }
            sleepUntil(due);
            Arrival arrival = new Arrival(due, MIX.get((int) (i % MIX.size())));
            if (!arrivals.offer(arrival)) {
                records.failed(new Failed(System.nanoTime() - start, arrival.kind(), BACKLOG));
            }
        }
        // No interrupt: the logins under way end as they would, then the workers find the queue empty and stop.
        arriving.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** One driver thread: its own browser for each kind; takes the next due login, runs it, records it. */
    private final class Worker implements Runnable {
        private final BlockingQueue<Arrival> arrivals;
        private final AtomicBoolean arriving;
        private final long start;
        private final Records records;
        private final AppLogin push = new AppLogin(portal, settings.tokenExchange(), waiting);
        private final AppQrLogin qr = new AppQrLogin(portal, settings.tokenExchange(), waiting);
        private final ChipLogin chip = new ChipLogin(portal, waiting);
        private final PasswordLogin password = new PasswordLogin(stock, PasswordLogin.Route.STOCK_FLOW, settings.tokenExchange());
        private final LongSupplier think = () -> ThreadLocalRandom.current().nextLong(settings.thinkMillis()[0], settings.thinkMillis()[1] + 1);

        Worker(BlockingQueue<Arrival> arrivals, AtomicBoolean arriving, long start, Records records) {
            this.arrivals = arrivals;
            this.arriving = arriving;
            this.start = start;
            this.records = records;
        }

        @Override
        public void run() {
            while (true) {
                Arrival arrival;
                try {
                    arrival = arrivals.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (arrival == null) {
                    if (!arriving.get()) {
                        return;
                    }
                    continue;
                }
                try {
                    login(arrival.kind());
                    long now = System.nanoTime();
                    records.done(new Done(now - start, arrival.kind(), now - arrival.dueNanos()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    records.failed(new Failed(System.nanoTime() - start, arrival.kind(), LoadRun.reason(e)));
                }
            }
        }

        private void login(AppLoginRun.Kind kind) throws InterruptedException {
            switch (kind) {
                case APP_PUSH -> enrolled.use(citizen -> push.run(citizen, think));
                case APP_QR -> enrolled.use(citizen -> qr.run(citizen, think));
                case CHIP -> cards.use(chip::run);
                case PASSWORD_STOCK -> withPassword.use(password::run);
                default -> throw new IllegalArgumentException("not in the mix: " + kind);
            }
        }
    }

    /** Stops the node half-way (SIGTERM: in-flight requests finish, HAProxy sends the rest elsewhere) and starts it again. */
    private void restart(int number, long start, Records records) {
        try {
            Thread.sleep(settings.length().toMillis() / 2);
            records.event(new Event(System.nanoTime() - start, "node " + number + " stopping"));
            nodes.stop(number);
            records.event(new Event(System.nanoTime() - start, "node " + number + " stopped, starting"));
            nodes.start(number);
            records.event(new Event(System.nanoTime() - start, "node " + number + " back in the cluster"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            records.event(new Event(System.nanoTime() - start, "node " + number + " restart failed: " + e.getMessage()));
        }
    }

    /** Where the CPU went in each minute of the load (the last, partial minute included). */
    private Thread minuteMeter(List<CpuMeter.Usage> minutes) {
        Thread thread = new Thread(() -> {
            CpuMeter.Sample from = meter.sample();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    synchronized (minutes) {
                        minutes.add(meter.between(from, meter.sample()));
                    }
                    return;
                }
                CpuMeter.Sample to = meter.sample();
                synchronized (minutes) {
                    minutes.add(meter.between(from, to));
                }
                from = to;
            }
        }, "soak-cpu");
        thread.setDaemon(true);
        return thread;
    }

    private Map<Integer, Long> heaps(String when) {
        Map<Integer, Long> used = new LinkedHashMap<>();
        for (int number : nodes.numbers()) {
            nodes.jvm(number).ifPresent(jvm -> used.put(number, heap.usedAfterFullGc(jvm)));
        }
        say("heap after a full GC at the " + when + ": " + used.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "node %d %.1f MiB", e.getKey(), e.getValue() / 1048576.0)).toList());
        return used;
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Everything the workers and the restart thread record, safe across threads. */
    private static final class Records {
        private final List<Done> done = Collections.synchronizedList(new ArrayList<>());
        private final List<Failed> failed = Collections.synchronizedList(new ArrayList<>());
        private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

        void done(Done d) {
            done.add(d);
        }

        void failed(Failed f) {
            failed.add(f);
        }

        void event(Event e) {
            say(String.format(Locale.ROOT, "%.0f s: %s", e.atNanos() / 1e9, e.what()));
            events.add(e);
        }

        List<Done> done() {
            synchronized (done) {
                return List.copyOf(done);
            }
        }

        List<Failed> failed() {
            synchronized (failed) {
                return List.copyOf(failed);
            }
        }

        List<Event> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }
}
