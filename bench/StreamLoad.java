// Waiting-room push load for bench/run: N buyers join a concert's line and hold its event stream, then the server's
// admission ticker lets them in batch by batch; for each buyer we time the ACTIVE frame against the moment its batch
// was published on the deployment's admissions channel. Also reads the server's RSS and live heap (after a full GC)
// before and with N idle streams.
//
// Run with the CLI's jar on the class path (JDK 25 source launch; Jedis comes from the jar's lib/):
//   java -cp cli/target/ticket-rush.jar bench/StreamLoad.java --server=http://127.0.0.1:18080 --redis=redis://127.0.0.1:6379/12
//        --channel=ticket-rush:<deploymentId>:admissions --first-user=5000000 --subscribers=1000 [--rounds=3]
//        [--warmup=200] [--batch=subscribers/10] [--interval-ms=1000] [--pid=<server pid>] [--h2c-streams=100]
// Each round sets up a concert of its own (POST /api/concerts/setup) and prints one line: RESULT round=N key=value ...
// Buyer ids are first-user + round * subscribers + i; they need not exist as users (joins do not check). --redis names
// the server's database: a round's admissions are deleted there before the next round, which lets its streams go.
//
// Streams are plain sockets read by a selector thread per core (an HttpClient per stream would cost far more than the
// server side we are measuring), spread over loopback source addresses 127.0.0.10+ so that 50,000 of them do not
// run out of ephemeral ports. The server exempts loopback from its per-address stream limit.
//
// --h2c-streams=K opens the streams over cleartext HTTP/2 instead (a server started with --h2c), K to a connection
// (Jetty allows 128): where a process may not hold a file per stream, 50,000 streams take 50,000 / K connections. The
// same selector threads read them, through a minimal HTTP/2 reader: the JDK's HttpClient spent as much CPU on 50,000
// streams as the server did, and the lags it measured (p99 4.7-6.2 s) were its own as much as the server's.

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class StreamLoad {

    static final int PORTS_PER_SOURCE = 20_000;

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("expected --key=value, got " + arg);
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        URI server = URI.create(a.get("server"));
        long firstUser = Long.parseLong(a.get("first-user"));
        int n = Integer.parseInt(a.get("subscribers"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "200"));
        // the client keeps an idle connection 30 s, the server 20: a round's setup, after 40 s of streams, met a closed one
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        // A small unreported round first: this JVM's own JIT would otherwise add its warm-up to the first lags.
        if (warmup > 0) round(a, http, server, "warmup", firstUser, warmup, Math.max(1, warmup / 2), n);
        int batch = Integer.parseInt(a.getOrDefault("batch", "0"));
        for (int r = 1; r <= rounds; r++) {
            round(a, http, server, Integer.toString(r), firstUser + (long) r * n, n, batch > 0 ? batch : Math.max(1, n / 10), r < rounds ? n : 0);
        }
        System.exit(0);
    }

    /** One round of {@code n} streams; {@code next}: how many the next round opens (0 after the last). */
    static void round(Map<String, String> a, HttpClient http, URI server, String name, long firstUser, int n, int batch, int next) throws Exception {
        var closing = new java.util.concurrent.atomic.AtomicBoolean(); // set once this round closes its streams on purpose
        String redisUrl = a.get("redis");
        String channel = a.get("channel");
        int intervalMs = Integer.parseInt(a.getOrDefault("interval-ms", "1000"));
        long pid = Long.parseLong(a.getOrDefault("pid", "0"));
        int connectLimit = Integer.parseInt(a.getOrDefault("connect-concurrency", "200"));
        long concert = setup(http, server);
        double rssBefore = rssMb(pid);
        // the first measured round only: a later round's streams share the heap with the previous round's, which the
        // server lets go at their next KEEPALIVE (it cannot see an HTTP/1.1 client leave while it writes nothing)
        long heapPid = name.equals("1") ? pid : 0;
        double heapBefore = liveHeapMb(heapPid);

        // 1. An unbounded room that admits nobody while the line fills and the streams open.
        configure(http, server, concert, batch, 3_600_000);

        // 2. Every buyer joins (64 joins in flight).
        long t0 = System.nanoTime();
        AtomicInteger joinFailures = new AtomicInteger();
        Semaphore joins = new Semaphore(64);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long user = firstUser + i;
                joins.acquire();
                pool.submit(() -> {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/api/v1/waiting-queue/join"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":" + user + ",\"concertId\":" + concert + "}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("\"WAITING\"")) {
                            if (joinFailures.incrementAndGet() <= 3) System.err.println("StreamLoad: join answered " + r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        if (joinFailures.incrementAndGet() <= 3) System.err.println("StreamLoad: join failed: " + e);
                    } finally {
                        joins.release();
                    }
                    return null;
                });
            }
        }
        double joinSeconds = (System.nanoTime() - t0) / 1e9;

        // 3. Every buyer opens its stream; it is ready once its current state (RANK_UPDATE, WAITING) has arrived.
        long[] activeAt = new long[n];
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch active = new CountDownLatch(n);
        AtomicInteger streamFailures = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger(); // streams the server closed before their ACTIVE frame
        AtomicLong frames = new AtomicLong();
        List<SocketChannel> sockets = java.util.Collections.synchronizedList(new ArrayList<>(n));
        Semaphore connecting = new Semaphore(connectLimit);
        long t1 = System.nanoTime();
        var connectors = Executors.newVirtualThreadPerTaskExecutor();
        boolean[] settled = new boolean[n]; // each stream's events come one after another, from one thread at a time
        Listener streamEvents = new Listener() {
            @Override
            public void frame(int index, String event) {
                frames.incrementAndGet();
                if (event.equals("ACTIVE") && activeAt[index] == 0) {
                    activeAt[index] = System.nanoTime();
                    active.countDown();
                }
                if (event.equals("RANK_UPDATE") || event.equals("ACTIVE")) settle(index);
            }

            @Override
            public void ended(int index, Exception failure) {
                if (closing.get()) return;
                if (failure != null) {
                    if (streamFailures.incrementAndGet() <= 3) System.err.println("StreamLoad: stream " + index + " failed: " + failure);
                } else if (activeAt[index] == 0 && ended.incrementAndGet() <= 3) {
                    System.err.println("StreamLoad: stream " + index + " ended before ACTIVE");
                }
                settle(index);
            }

            /** Once per stream: its current state arrived (or it ended), so the next stream may connect. */
            private void settle(int index) {
                if (settled[index]) return;
                settled[index] = true;
                ready.countDown();
                connecting.release();
            }
        };
        Readers readers = new Readers(Integer.parseInt(a.getOrDefault("reader-threads", Integer.toString(Runtime.getRuntime().availableProcessors()))));
        int perConnection = Integer.parseInt(a.getOrDefault("h2c-streams", "0"));
        H2cConnection[] h2c = new H2cConnection[perConnection > 0 ? (n + perConnection - 1) / perConnection : 0];
        for (int i = 0; i < n; i++) {
            int index = i;
            connecting.acquire();
            connectors.submit(() -> {
                String path = "/api/v1/waiting-queue/subscribe?userId=" + (firstUser + index) + "&concertId=" + concert;
                try {
                    if (perConnection > 0) {
                        h2cConnection(h2c, index / perConnection, server, perConnection, streamEvents, sockets, readers).open(index, path);
                        return null;
                    }
                    SocketChannel socket = SocketChannel.open();
                    sockets.add(socket);
                    socket.bind(new InetSocketAddress("127.0.0." + (10 + index / PORTS_PER_SOURCE), 0));
                    socket.socket().connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
                    ByteBuffer request = ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort() + "\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    while (request.hasRemaining()) socket.write(request);
                    socket.configureBlocking(false);
                    readers.add(new Stream(index, socket, streamEvents));
                } catch (Exception e) {
                    if (!closing.get() && streamFailures.incrementAndGet() <= 3) System.err.println("StreamLoad: stream " + index + " failed: " + e);
                    connecting.release();
                    ready.countDown();
                }
                return null;
            });
        }
        boolean allReady = ready.await(120 + n / 200, TimeUnit.SECONDS);
        double connectSeconds = (System.nanoTime() - t1) / 1e9;
        Thread.sleep(2000); // let the server settle before reading its memory with every stream idle
        double rssIdle = rssMb(pid);
        double heapIdle = liveHeapMb(heapPid);
        if (heapPid > 0) Thread.sleep(1000); // the full GC's pause stays out of the push lags

        // 4. Listen to the admissions channel: "concertId total ttl id id ...", each id timed when its batch arrives.
        Map<Long, Long> publishedAt = new ConcurrentHashMap<>(n * 2);
        CountDownLatch subscribed = new CountDownLatch(1);
        URI redis = URI.create(redisUrl);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String ch, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String ch, String message) {
                long now = System.nanoTime();
                String[] parts = message.split(" ");
                if (parts.length < 4 || !parts[0].equals(Long.toString(concert))) return;
                for (int i = 3; i < parts.length; i++) publishedAt.putIfAbsent(Long.parseLong(parts[i]), now);
            }
        };
        Thread sub = Thread.ofPlatform().daemon().name("admissions").start(() -> {
            try (Jedis jedis = new Jedis(redis.getHost(), redis.getPort())) {
                jedis.subscribe(listener, channel);
            } catch (Exception e) {
                System.err.println("StreamLoad: admissions subscription ended: " + e);
            }
        });
        sub.setPriority(Thread.MAX_PRIORITY);
        if (!subscribed.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("could not subscribe to " + channel);

        // 5. Open the gate: batch buyers every interval, until everyone is ACTIVE.
        long t2 = System.nanoTime();
        configure(http, server, concert, batch, intervalMs);
        long batches = (n + batch - 1) / batch;
        boolean allActive = active.await(30 + batches * intervalMs / 1000 * 2, TimeUnit.SECONDS);
        double admitSeconds = (System.nanoTime() - t2) / 1e9;
        double rssAfter = rssMb(pid);
        listener.unsubscribe();

        double[] lags = new double[n];
        int measured = 0, noPublish = 0, notActive = 0, publishedNotActive = 0;
        for (int i = 0; i < n; i++) {
            Long published = publishedAt.get(firstUser + i);
            if (activeAt[i] == 0) {
                notActive++;
                if (published != null) publishedNotActive++;
            }
            else if (published == null) noPublish++;
            else lags[measured++] = (activeAt[i] - published) / 1e6;
        }
        double[] lag = Arrays.copyOf(lags, measured);
        Arrays.sort(lag);
        int streams = n - streamFailures.get();
        System.out.printf(java.util.Locale.ROOT,
                "RESULT round=" + name + " subscribers=%d streams=%d ready=%s active=%d allActive=%s p50=%.1f p90=%.1f p99=%.1f max=%.1f measured=%d noPublish=%d notActive=%d "
                        + "publishedNotActive=%d ended=%d joinFailures=%d streamFailures=%d frames=%d joinSeconds=%.1f connectSeconds=%.1f admitSeconds=%.1f "
                        + "rssBeforeMb=%.0f rssIdleMb=%.0f rssAfterMb=%.0f heapBeforeMb=%.0f heapIdleMb=%.0f heapKbPerStream=%.1f%n",
                n, streams, allReady, n - notActive, allActive, pct(lag, 50), pct(lag, 90), pct(lag, 99), lag.length == 0 ? Double.NaN : lag[lag.length - 1],
                measured, noPublish, notActive, publishedNotActive, ended.get(), joinFailures.get(), streamFailures.get(), frames.get(), joinSeconds, connectSeconds, admitSeconds,
                rssBefore, rssIdle, rssAfter,
                heapBefore, heapIdle, streams == 0 ? Double.NaN : (heapIdle - heapBefore) * 1024 / streams);
        System.out.flush();
        closing.set(true);
        readers.close();
        for (SocketChannel socket : sockets.toArray(new SocketChannel[0])) {
            try {
                socket.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset, which the server's next write fails on
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connectors.shutdownNow();
        if (next == 0) return;
        // The server notices a gone client at its next frame or KEEPALIVE (15 s): ending the round's admissions has it
        // write every stream its NONE frame now, so it lets go of the gone ones before the next round needs the files.
        endAdmissions(redis, firstUser, n);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        int nextFiles = perConnection > 0 ? (next + perConnection - 1) / perConnection : next;
        while (pid > 0 && fds(pid) + nextFiles > fdLimit(pid) - 1000 && System.nanoTime() < deadline) Thread.sleep(250);
    }

    /** The round's {@code slot}th HTTP/2 connection, connected by the first stream that needs it. */
    static H2cConnection h2cConnection(H2cConnection[] connections, int slot, URI server, int capacity, Listener listener,
                                       List<SocketChannel> sockets, Readers readers) throws IOException {
        synchronized (connections) {
            if (connections[slot] == null) {
                SocketChannel socket = SocketChannel.open();
                sockets.add(socket);
                socket.socket().connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
                socket.configureBlocking(false);
                connections[slot] = new H2cConnection(socket, server.getHost() + ":" + server.getPort(), capacity, listener);
                readers.add(connections[slot]);
            }
            return connections[slot];
        }
    }

    /** A concert of its own for each round, so every round starts with an empty line and no admitted total. */
    static long setup(HttpClient http, URI server) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/api/concerts/setup")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"bench-stream\",\"artistName\":\"bench\",\"agencyName\":\"bench\","
                        + "\"concertDate\":\"2026-12-31T20:00:00\",\"seatCount\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        var m = java.util.regex.Pattern.compile("ConcertID=(\\d+)").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) throw new IllegalStateException("setup answered " + r.statusCode() + " " + r.body());
        return Long.parseLong(m.group(1));
    }

    /** Deletes the round's {@code active-user:} keys, in the Redis database the URL's path names. */
    static void endAdmissions(URI redis, long firstUser, int n) {
        try (Jedis jedis = new Jedis(redis)) { // Jedis selects the URL's database itself
            for (int from = 0; from < n; from += 1000) {
                String[] keys = new String[Math.min(1000, n - from)];
                for (int i = 0; i < keys.length; i++) keys[i] = "active-user:" + (firstUser + from + i);
                jedis.del(keys);
            }
        }
    }

    static long fdLimit(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (l.startsWith("Max open files")) return Long.parseLong(l.substring(26).trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException unknown) {
            // no limit known
        }
        return Long.MAX_VALUE;
    }

    static int fds(long pid) {
        String[] open = pid <= 0 ? null : new java.io.File("/proc/" + pid + "/fd").list();
        return open == null ? 0 : open.length;
    }

    static void configure(HttpClient http, URI server, long concert, int admitCount, int intervalMs) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/api/v1/waiting-queue/config/" + concert))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"capacity\":10000000,\"admitCount\":" + admitCount + ",\"admitIntervalMs\":" + intervalMs + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("room config answered " + r.statusCode() + " " + r.body());
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double rssMb(long pid) {
        if (pid <= 0) return Double.NaN;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException gone) {
            // the process has ended
        }
        return Double.NaN;
    }

    /**
     * The server's live heap: what G1 still uses right after a full collection (jcmd GC.run, then GC.heap_info). RSS
     * alone says little per stream: a heap that had already grown holds thousands of streams without growing.
     */
    static double liveHeapMb(long pid) {
        if (pid <= 0) return Double.NaN;
        try {
            jcmd(pid, "GC.run");
            Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException | InterruptedException unreadable) {
            return Double.NaN;
        }
    }

    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** What a round hears of each of its streams, named by index, whichever socket carries it. */
    interface Listener {
        void frame(int index, String event);

        /** The server closed the stream (failure null) or reading it failed. */
        void ended(int index, Exception failure);
    }

    /** What a reader thread reads: one socket, carrying one event stream (HTTP/1.1) or many (HTTP/2). */
    abstract static class Source {
        final SocketChannel channel;

        Source(SocketChannel channel) {
            this.channel = channel;
        }

        /** Takes the bytes that arrived (the buffer flipped). */
        abstract void take(ByteBuffer data) throws IOException;

        /** Whether the server has said all it will on this socket. */
        abstract boolean finished();

        /** The socket is closed: every stream it carried has ended, with this failure or none. */
        abstract void ended(Exception failure);
    }

    /**
     * Every socket of a round, read by a few selector threads: with a virtual thread per stream, 18,000 streams left
     * frames unread in their sockets for seconds while both processes idled, which the lags then blamed on the server.
     */
    static final class Readers implements AutoCloseable {
        private final Selector[] selectors;
        private final List<java.util.concurrent.ConcurrentLinkedQueue<Source>> arriving = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean stopped;

        Readers(int count) throws IOException {
            this.selectors = new Selector[count];
            for (int i = 0; i < count; i++) {
                Selector selector = Selector.open();
                var queue = new java.util.concurrent.ConcurrentLinkedQueue<Source>();
                selectors[i] = selector;
                arriving.add(queue);
                threads.add(Thread.ofPlatform().daemon().name("stream-reader-" + i).start(() -> run(selector, queue)));
            }
        }

        void add(Source source) {
            int i = Math.floorMod(next.getAndIncrement(), selectors.length);
            arriving.get(i).add(source);
            selectors[i].wakeup();
        }

        private void run(Selector selector, java.util.Queue<Source> queue) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            try {
                while (!stopped) {
                    selector.select(100);
                    for (Source s; (s = queue.poll()) != null; ) s.channel.register(selector, SelectionKey.OP_READ, s);
                    for (SelectionKey key : selector.selectedKeys()) read(key, buffer);
                    selector.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                if (!stopped) System.err.println("StreamLoad: a stream reader stopped: " + e);
            }
        }

        private void read(SelectionKey key, ByteBuffer buffer) {
            Source source = (Source) key.attachment();
            try {
                int read;
                while ((read = source.channel.read(buffer.clear())) > 0) source.take(buffer.flip());
                if (read < 0 || source.finished()) end(key, source, null);
            } catch (IOException | RuntimeException e) {
                end(key, source, e);
            }
        }

        private void end(SelectionKey key, Source source, Exception failure) {
            key.cancel();
            try {
                source.channel.close();
            } catch (IOException ignored) {
                // gone anyway
            }
            source.ended(failure);
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            for (Selector selector : selectors) selector.wakeup();
            for (Thread thread : threads) thread.join(5_000);
            for (Selector selector : selectors) {
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** One event stream on a socket of its own (HTTP/1.1). */
    static final class Stream extends Source {
        private final int index;
        private final Listener listener;
        private final EventParser events = new EventParser(true);

        Stream(int index, SocketChannel channel, Listener listener) {
            super(channel);
            this.index = index;
            this.listener = listener;
        }

        @Override
        void take(ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                String event = events.feed(data.get());
                if (event != null) listener.frame(index, event);
            }
        }

        @Override
        boolean finished() {
            return events.finished();
        }

        @Override
        void ended(Exception failure) {
            listener.ended(index, failure);
        }
    }

    /**
     * Event streams over cleartext HTTP/2 with prior knowledge, up to {@code capacity} on one connection. Only what an
     * event stream needs: requests are HEADERS frames whose fields HPACK sends as literals (no table); a response must
     * start with the static table's {@code :status 200}, and its other fields are not decoded. Windows are opened wide
     * at once, so the server never waits for a WINDOW_UPDATE; SETTINGS and PING are acknowledged.
     */
    static final class H2cConnection extends Source {
        private static final int DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7, WINDOW_UPDATE = 8;
        private static final int END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8, PRIORITY = 0x20;
        private static final int MAX_WINDOW = Integer.MAX_VALUE;

        private final Listener listener;
        private final byte[] authority;
        private final int[] indexes; // by stream id: id 2k+1 carries indexes[k]
        private final EventParser[] events;
        private final boolean[] answered; // the stream's response head has arrived: a later HEADERS frame is its trailer
        private final boolean[] done;
        private int opened;
        private ByteBuffer pending = ByteBuffer.allocate(64 * 1024);
        private long received;
        private boolean goneAway;

        H2cConnection(SocketChannel channel, String authority, int capacity, Listener listener) throws IOException {
            super(channel);
            this.listener = listener;
            this.authority = authority.getBytes(StandardCharsets.US_ASCII);
            this.indexes = new int[capacity];
            this.events = new EventParser[capacity];
            this.answered = new boolean[capacity];
            this.done = new boolean[capacity];
            ByteBuffer start = ByteBuffer.allocate(64);
            start.put("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            header(start, 12, SETTINGS, 0, 0);
            start.putShort((short) 0x2).putInt(0); // ENABLE_PUSH off
            start.putShort((short) 0x4).putInt(MAX_WINDOW); // INITIAL_WINDOW_SIZE of every stream
            windowUpdate(start, MAX_WINDOW - 65_535); // the connection's window, past its first 65,535 bytes
            send(start.flip());
        }

        /**
         * Sends the GET of one more event stream. A failure here is the caller's to count: the stream is marked ended
         * already, so the reader never reports it again.
         */
        void open(int index, String path) throws IOException {
            byte[] p = path.getBytes(StandardCharsets.US_ASCII);
            // a one-byte HPACK length holds 0-126: 127 says more bytes follow
            if (p.length > 126 || authority.length > 126) throw new IllegalArgumentException("a field longer than 126 bytes: " + path);
            ByteBuffer frame = ByteBuffer.allocate(9 + 2 + 2 + p.length + 2 + authority.length);
            synchronized (this) {
                if (goneAway) throw new IOException("the server sent GOAWAY on this connection");
                int k = opened++;
                indexes[k] = index;
                events[k] = new EventParser(false);
                header(frame, frame.capacity() - 9, HEADERS, END_STREAM | END_HEADERS, 2 * k + 1);
                frame.put((byte) 0x82).put((byte) 0x86); // :method GET, :scheme http (static table)
                frame.put((byte) 0x04).put((byte) p.length).put(p); // :path, a literal not indexed
                frame.put((byte) 0x01).put((byte) authority.length).put(authority); // :authority, likewise
                try {
                    send(frame.flip()); // in stream id order: HTTP/2 wants new ids to increase
                } catch (IOException e) {
                    done[k] = true;
                    throw e;
                }
            }
        }

        private static void header(ByteBuffer b, int length, int type, int flags, int stream) {
            b.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length).put((byte) type).put((byte) flags).putInt(stream);
        }

        /** A WINDOW_UPDATE of the connection (stream 0). */
        private static void windowUpdate(ByteBuffer b, int increment) {
            header(b, 4, WINDOW_UPDATE, 0, 0);
            b.putInt(increment);
        }

        /** Writes a whole frame on the non-blocking socket; the reader thread and the openers take turns. */
        private synchronized void send(ByteBuffer frame) throws IOException {
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0) Thread.onSpinWait();
            }
        }

        /** Under the connection's lock, as {@link #open} fills the stream tables: a frame never meets a stream half made. */
        @Override
        synchronized void take(ByteBuffer data) throws IOException {
            if (pending.remaining() < data.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + data.remaining()));
                pending = bigger.put(pending.flip());
            }
            pending.put(data).flip();
            while (pending.remaining() >= 9) {
                int length = (pending.get(pending.position()) & 0xff) << 16 | (pending.get(pending.position() + 1) & 0xff) << 8 | pending.get(pending.position() + 2) & 0xff;
                if (pending.remaining() < 9 + length) break;
                pending.position(pending.position() + 3);
                int type = pending.get() & 0xff, flags = pending.get() & 0xff, stream = pending.getInt() & 0x7fffffff;
                int end = pending.position() + length;
                frame(type, flags, stream, length);
                pending.position(end);
            }
            pending.compact();
        }

        private void frame(int type, int flags, int stream, int length) throws IOException {
            int k = (stream - 1) / 2;
            switch (type) {
                case DATA -> {
                    int pad = (flags & PADDED) != 0 ? pending.get() & 0xff : 0;
                    int bytes = length - ((flags & PADDED) != 0 ? 1 + pad : 0);
                    for (int i = 0; i < bytes; i++) {
                        String event = events[k].feed(pending.get());
                        if (event != null && !done[k]) listener.frame(indexes[k], event);
                    }
                    received += length;
                    if (received > MAX_WINDOW / 2) { // keep the connection's window open
                        ByteBuffer update = ByteBuffer.allocate(13);
                        windowUpdate(update, (int) received);
                        send(update.flip());
                        received = 0;
                    }
                    if ((flags & END_STREAM) != 0) end(k, null);
                }
                case HEADERS -> {
                    if ((flags & PADDED) != 0) pending.get();
                    if ((flags & PRIORITY) != 0) pending.position(pending.position() + 5);
                    int first = pending.get() & 0xff;
                    while ((first & 0xe0) == 0x20) { // a dynamic table size update (the server's first block has one)
                        if ((first & 0x1f) == 0x1f) while ((pending.get() & 0x80) != 0) { /* the size's further bytes */ }
                        first = pending.get() & 0xff;
                    }
                    if (first != 0x88 && !answered[k]) end(k, new IOException("subscribe answered a status other than 200 (HPACK byte " + first + ")"));
                    answered[k] = true;
                    if ((flags & END_STREAM) != 0) end(k, null);
                }
                case RST_STREAM -> end(k, new IOException("the server reset the stream, error " + pending.getInt()));
                case SETTINGS -> {
                    if ((flags & ACK) == 0) {
                        ByteBuffer ack = ByteBuffer.allocate(9);
                        header(ack, 0, SETTINGS, ACK, 0);
                        send(ack.flip());
                    }
                }
                case PING -> {
                    if ((flags & ACK) == 0) {
                        ByteBuffer pong = ByteBuffer.allocate(17);
                        header(pong, 8, PING, ACK, 0);
                        pong.putLong(pending.getLong());
                        send(pong.flip());
                    }
                }
                case GOAWAY -> { // streams up to the last id it names go on; later ones were refused, and no new one may open
                    goneAway = true;
                    int last = pending.getInt() & 0x7fffffff;
                    for (int j = 0; j < opened; j++) {
                        if (2 * j + 1 > last) end(j, new IOException("refused by the server's GOAWAY"));
                    }
                }
                default -> {
                    // WINDOW_UPDATE, PRIORITY, CONTINUATION (of a response whose first field was read): nothing to do
                }
            }
        }

        private void end(int k, Exception failure) {
            if (done[k]) return;
            done[k] = true;
            listener.ended(indexes[k], failure);
        }

        @Override
        boolean finished() {
            return false;
        }

        @Override
        synchronized void ended(Exception failure) {
            for (int k = 0; k < opened; k++) end(k, failure == null ? new IOException("the connection closed") : failure);
        }
    }

    /** Parses event-stream bytes a byte at a time: (HTTP/1.1) status line, headers and chunks, then SSE lines. */
    static final class EventParser {
        private enum Part { STATUS, HEADERS, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, BODY, DONE }

        private Part part;
        private boolean chunked;
        private long chunkLeft;
        private final StringBuilder line = new StringBuilder(64);
        private String event;

        /** @param http1 whether the bytes begin with an HTTP/1.1 response head; else they are the body alone */
        EventParser(boolean http1) {
            this.part = http1 ? Part.STATUS : Part.BODY;
        }

        boolean finished() {
            return part == Part.DONE;
        }

        /** Takes one byte; answers the event name when it completes a frame. */
        String feed(byte b) throws IOException {
            switch (part) {
                case CHUNK_DATA -> {
                    if (--chunkLeft == 0) part = Part.CHUNK_END;
                    return body(b);
                }
                case BODY -> {
                    return body(b);
                }
                case DONE -> {
                    return null;
                }
                default -> {
                    String l = line(b);
                    if (l != null) head(l);
                    return null;
                }
            }
        }

        private void head(String l) throws IOException {
            switch (part) {
                case STATUS -> {
                    if (!l.startsWith("HTTP/1.1 200")) throw new IOException("subscribe answered " + l);
                    part = Part.HEADERS;
                }
                case HEADERS -> {
                    String lower = l.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
                    if (l.isEmpty()) part = chunked ? Part.CHUNK_SIZE : Part.BODY;
                }
                case CHUNK_SIZE -> {
                    int semi = l.indexOf(';');
                    chunkLeft = Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
                    part = chunkLeft == 0 ? Part.DONE : Part.CHUNK_DATA;
                }
                case CHUNK_END -> part = Part.CHUNK_SIZE; // the CRLF after a chunk's data
                default -> throw new IllegalStateException(part.name());
            }
        }

        private String body(byte b) {
            String l = line(b);
            if (l == null) return null;
            if (l.startsWith("event:")) {
                event = l.substring(6).trim();
            } else if (l.isEmpty() && event != null) {
                String done = event;
                event = null;
                return done;
            }
            return null;
        }

        /** A completed line (a trailing '\r' dropped), or null; a long data line is kept to its first 64 characters. */
        private String line(byte b) {
            if (b != '\n') {
                if (line.length() < 64) line.append((char) b); // frames are ASCII apart from data we do not read
                return null;
            }
            int len = line.length();
            if (len > 0 && line.charAt(len - 1) == '\r') line.setLength(len - 1);
            String done = line.toString();
            line.setLength(0);
            return done;
        }
    }
}
