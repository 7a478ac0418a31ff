package dev.ticketrush.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedStackTest {

    @Test
    void aFullyEmbeddedStackAnswersOnPortsOfItsOwnAndStopsEveryService() throws Exception {
        List<Integer> ports;
        try (EmbeddedStack stack = new EmbeddedStack(null, null, null)) {
            EmbeddedStack.Endpoints at = stack.endpoints();
            ports = List.of(
                    URI.create(at.dbUrl().substring("jdbc:".length())).getPort(),
                    URI.create(at.redisUrl()).getPort(),
                    Integer.parseInt(at.kafkaBootstrap().substring(at.kafkaBootstrap().lastIndexOf(':') + 1)));
            assertFalse(ports.contains(5432) || ports.contains(6379) || ports.contains(9092), "services of its own: " + at);

            try (var db = DriverManager.getConnection(at.dbUrl(), "postgres", ""); var rows = db.createStatement().executeQuery("SELECT 6 * 7")) {
                rows.next();
                assertEquals(42, rows.getInt(1));
            }
            assertEquals("+PONG", redisPing(ports.get(1)));
            try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, at.kafkaBootstrap()))) {
                assertEquals(1, kafka.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            }
        }
        ports.forEach(port -> assertFalse(FreePort.isListening("127.0.0.1", port), "stopped: " + port));
    }

    @Test
    void servicesGivenByUrlAreUsedAsTheyAre() {
        try (EmbeddedStack stack = new EmbeddedStack("jdbc:postgresql://db.example:5432/x", "redis://cache.example:6379", "queue.example:9092")) {
            assertEquals(new EmbeddedStack.Endpoints("jdbc:postgresql://db.example:5432/x", "redis://cache.example:6379", "queue.example:9092"),
                    stack.endpoints());
        }
    }

    @Test
    void aStackWhoseKafkaIsStillStartingNamesItsAddressAtOnceAndSaysWhenItServes() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.withKafkaStarting("jdbc:postgresql://db.example:5432/x", "redis://cache.example:6379", null)) {
            String bootstrap = stack.endpoints().kafkaBootstrap();
            stack.kafkaServing().get(120, TimeUnit.SECONDS);
            try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
                assertEquals(1, kafka.describeCluster().nodes().get(5, TimeUnit.SECONDS).size(), "serving at the address named before it served");
            }
        }
    }

    private static String redisPing(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void freePortsAreFreeAndListeningIsSeen() throws Exception {
        int port = FreePort.pick();
        assertFalse(FreePort.isListening("127.0.0.1", port));
        try (var server = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertTrue(FreePort.isListening("127.0.0.1", port));
        }
    }
}
