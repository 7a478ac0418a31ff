package dev.ticketrush.server.health;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code GET /health}: UP only when every dependency answers. */
public final class HealthRoutes {

    private final Map<String, BooleanSupplier> dependencies;

    /** @param dependencies name of each dependency and a probe that answers whether it is reachable, in report order */
    public HealthRoutes(Map<String, BooleanSupplier> dependencies) {
        this.dependencies = dependencies;
    }

    public void health(Context ctx) {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        dependencies.forEach((name, probe) -> statuses.put(name, probe.getAsBoolean() ? "UP" : "DOWN"));
        boolean up = !statuses.containsValue("DOWN");
        report.put("status", up ? "UP" : "DOWN");
        report.put("dependencies", statuses);
        ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
    }
}
