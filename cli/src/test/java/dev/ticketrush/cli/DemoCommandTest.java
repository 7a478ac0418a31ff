package dev.ticketrush.cli;

import dev.ticketrush.server.ServerConfig;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(TestServices.Extension.class)
class DemoCommandTest {

    @Test
    void theDemosLastLineSaysItsServerHasStoppedAndNamesStay(TestServices services) throws Exception {
        ServerConfig config = services.serverConfig().build();
        CliRun run = CliRun.of("demo", "--db-url", services.dbUrl(), "--db-user", services.dbUser(), "--redis-url", services.redisUrl(),
                "--kafka-bootstrap", services.kafkaBootstrap(), "--kafka-topic", config.kafkaTopic(), "--kafka-group", config.kafkaGroup(),
                "--users", "40", "--seats", "5");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        String last = run.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.contains("has stopped") && last.contains("--stay"), last);
        assertFalse(run.out().contains("Serving on"), "no URL offered of a server that is gone: " + run.out());
        Matcher url = Pattern.compile("listening on (http://\\S+)").matcher(run.out());
        assertTrue(url.find(), run.out());
        HttpRequest concerts = HttpRequest.newBuilder(URI.create(url.group(1) + "/api/concerts")).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThrows(java.io.IOException.class, () -> http.send(concerts, HttpResponse.BodyHandlers.ofString()), "the server is indeed stopped");
        }
    }
}
