package vn.dinhdanh.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A relying party's back-channel logout endpoint on loopback that can stall: it reads each request, keeps it (as
 * {@link LogoutListener.Arrival}), then either answers 200 or, while stalled, never finishes its answer: it sends a
 * status line and then one byte of a header every half second, so that no read timeout of the sender ever fires.
 * A relying party at the end of a bad network path, or a slowloris; only the sender's own deadline ends the wait.
 */
public final class StallingListener implements AutoCloseable {

    private final ServerSocket socket;
    private final BlockingQueue<LogoutListener.Arrival> arrivals = new LinkedBlockingQueue<>();
    private volatile boolean stalled;

    public StallingListener() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "stalling-listener-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    public void stall() {
        stalled = true;
    }

    public void answer() {
        stalled = false;
    }

    /** The next arrival within {@code timeout}; fails the test when none comes. */
    public LogoutListener.Arrival await(Duration timeout, String what) {
        try {
            LogoutListener.Arrival arrival = arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (arrival == null) {
                throw new AssertionError("no " + what + " reached the relying party within " + timeout);
            }
            return arrival;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread handler = new Thread(() -> handle(connection), "stalling-listener-request");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            String head = readHead(in);
            String path = head.split(" ", 3)[1];
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            arrivals.add(new LogoutListener.Arrival(path, LoopbackReceiver.parse(body), System.nanoTime()));
            if (stalled) {
                out.write("HTTP/1.1 200 OK\r\nX-Wait: ".getBytes(StandardCharsets.US_ASCII));
                while (stalled) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(500);
                }
                return; // never finished: the answer is not HTTP
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the sender gave up (its deadline) or died: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        stalled = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
