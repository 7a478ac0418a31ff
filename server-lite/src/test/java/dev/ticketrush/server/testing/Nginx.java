package dev.ticketrush.server.testing;

import dev.ticketrush.embedded.FreePort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's nginx on a loopback port with the repository's deploy/nginx.conf, its upstream servers swapped for the
 * given instances, in the foreground, with a prefix of its own in a temporary folder; skipped where nginx is missing.
 */
public final class Nginx implements AutoCloseable {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final Path prefix;
    private final int port;

    private Nginx(Process process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    public static Nginx inFrontOf(List<Integer> instancePorts) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(NGINX), "no nginx at " + NGINX + ": install Debian's nginx (.ci/run does) to run the load-balancer tests");
        Path prefix = Files.createTempDirectory("ticketrush-nginx");
        int port = FreePort.pick();
        Files.writeString(prefix.resolve("nginx.conf"), loopback(Files.readString(Repository.root().resolve("deploy/nginx.conf")), port, instancePorts));
        Process process = new ProcessBuilder(NGINX.toString(), "-e", "stderr", "-p", prefix + "/", "-c", "nginx.conf", "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.log").toFile()).start();
        Nginx nginx = new Nginx(process, prefix, port);
        Instant deadline = Instant.now().plusSeconds(10);
        while (!FreePort.isListening("127.0.0.1", port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                nginx.close();
                throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("nginx.log")));
            }
            Thread.sleep(50);
        }
        return nginx;
    }

    /** deploy/nginx.conf with loopback upstreams and port: what examples/behind-nginx.sh does with sed. */
    static String loopback(String conf, int port, List<Integer> instancePorts) {
        String servers = instancePorts.stream().map(p -> "    server 127.0.0.1:" + p + ";").collect(Collectors.joining("\n"));
        return conf.replaceFirst("(?m)^(\\s*server \\S+:\\d+;\\n)+", servers + "\n").replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try (var files = Files.walk(prefix)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
