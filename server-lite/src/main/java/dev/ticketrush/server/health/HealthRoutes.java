package dev.ticketrush.server.health;

import dev.ticketrush.server.infra.DependencyHealth;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: UP only when every dependency answered its latest background probe; answered at once, never probing. */
public final class HealthRoutes {

    private final DependencyHealth dependencies;

    public HealthRoutes(DependencyHealth dependencies) {
        this.dependencies = dependencies;
    }

    public void health(Context ctx) {
        Map<String, String> statuses = new LinkedHashMap<>();
        dependencies.snapshot().forEach((name, up) -> statuses.put(name, up ? "UP" : "DOWN"));
        boolean up = !statuses.containsValue("DOWN");
        ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(new Report(up ? "UP" : "DOWN", statuses));
    }

    /** The health answer: the overall status, then each dependency's. */
    public record Report(String status, Map<String, String> dependencies) {
    }
}
