package dev.ticketrush.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ticketrush.server.testing.Repository;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What can be proven of docker-compose.yml, deploy/nginx.conf and the Dockerfile where no Docker engine runs: by reading them. */
class DeploymentFilesTest {

    private final JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Repository.root().resolve("docker-compose.yml").toFile());

    DeploymentFilesTest() throws IOException {
    }

    @Test
    void healthChecksHoldOnlyWhenEachServiceReallyServes() {
        assertEquals("[\"CMD\",\"pg_isready\",\"-h\",\"127.0.0.1\",\"-U\",\"postgres\",\"-d\",\"ticketrush\"]", service("postgres").at("/healthcheck/test").toString(),
                "over TCP: not passed by the init scripts' socket-only server");
        assertTrue(service("kafka").at("/healthcheck/test/1").asText().contains("kafka-broker-api-versions.sh --bootstrap-server kafka:9092"));
        for (String dependency : new String[] {"postgres", "redis", "kafka"}) {
            assertEquals("service_healthy", service("server-1").at("/depends_on/" + dependency + "/condition").asText(), dependency);
        }
        assertEquals("on-failure", service("server-1").at("/restart").asText(), "a server that gave up waiting starts again");
        assertEquals("120", service("server-1").at("/environment/TICKETRUSH_STARTUP_WAIT_SECONDS").asText());
    }

    @Test
    void theStackCanBeDrivenFromTheHostOnLoopbackOnly() {
        assertEquals("127.0.0.1:8080:8080", service("balancer").at("/ports/0").asText());
        assertEquals("127.0.0.1:15432:5432", service("postgres").at("/ports/0").asText());
        assertEquals("127.0.0.1:16379:6379", service("redis").at("/ports/0").asText());
        assertEquals("127.0.0.1:19092:19092", service("kafka").at("/ports/0").asText());
        assertTrue(service("kafka").at("/environment/KAFKA_ADVERTISED_LISTENERS").asText().contains("HOST://127.0.0.1:19092"));
        assertEquals(service("balancer").at("/networks/default/ipv4_address").asText(), service("server-1").at("/environment/TICKETRUSH_TRUSTED_PROXIES").asText(),
                "the servers trust the balancer's X-Forwarded-For");
    }

    @Test
    void nginxPassesEventStreamsUnbufferedOverKeptAliveConnections() throws IOException {
        String conf = Files.readString(Repository.root().resolve("deploy/nginx.conf"));
        for (String directive : new String[] {"proxy_buffering off;", "proxy_read_timeout 1h;", "proxy_http_version 1.1;", "proxy_set_header Connection \"\";",
                "keepalive 64;", "server server-1:8080;", "server server-2:8080;", "listen 8080;"}) {
            assertTrue(conf.contains(directive), directive);
        }
        assertTrue(service("balancer").at("/volumes/0").asText().startsWith("./deploy/nginx.conf:/etc/nginx/nginx.conf"));
    }

    @Test
    void theImageHoldsTheServersJarAndRuntimeLibrariesOnly() throws IOException {
        String dockerfile = Files.readString(Repository.root().resolve("Dockerfile"));
        assertTrue(dockerfile.contains("COPY server-lite/target/server-lite.jar /app/server-lite.jar"));
        assertTrue(dockerfile.contains("COPY server-lite/target/lib /app/lib"));
        assertEquals(2, dockerfile.lines().filter(line -> line.startsWith("COPY")).count(), "nothing else is copied");
    }

    private JsonNode service(String name) {
        return compose.at("/services/" + name);
    }
}
