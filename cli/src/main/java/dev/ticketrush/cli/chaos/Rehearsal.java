package dev.ticketrush.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.CliFailure;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.api.ApiError;
import dev.ticketrush.cli.report.RushSummary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * The faults of one rush ({@code --chaos}), struck when due: an instance killed through its crash endpoint (the last
 * one listed, so the swarm keeps a survivor), or a service taken away through the stack's fault control.
 */
public final class Rehearsal {

    private static final Duration TICK = Duration.ofMillis(20);

    private final List<ChaosStep> steps;
    private final List<ApiClient> instances;
    private final String faultsUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<RushSummary.Fault> struck = new CopyOnWriteArrayList<>();
    private Thread watcher;

    /**
     * @param instances the rush's instances, with the admin token
     * @param faultsUrl the stack's fault control, or null when no step takes a service away
     */
    public Rehearsal(List<ChaosStep> steps, List<ApiClient> instances, String faultsUrl) {
        this.steps = List.copyOf(steps);
        this.instances = List.copyOf(instances);
        this.faultsUrl = faultsUrl;
    }

    /** Checks, before any buyer exists, that every step can be carried out; one clear line when one cannot. */
    public void preflight() {
        for (ChaosStep step : steps) {
            if (step.fault() == ChaosStep.Fault.KILL_INSTANCE) requireCrashable();
            else requireService(step.fault().label());
        }
    }

    private void requireCrashable() {
        if (instances.size() < 2) throw usage("--chaos kill-instance needs two or more --server URLs, so the swarm keeps a survivor");
        ApiClient doomed = instances.getLast();
        try {
            if (!doomed.faultsOffered().contains("crash")) throw usage(doomed.baseUrl() + " does not take the crash fault");
        } catch (ApiError e) {
            if (e.status() == 404) throw usage(doomed.baseUrl() + " takes no faults: start it with 'ticket-rush server --allow-faults'");
            throw e;
        }
    }

    private void requireService(String service) {
        if (faultsUrl == null) {
            throw usage("--chaos " + service + " needs --faults URL: the fault control that 'ticket-rush stack --faults' "
                    + "or 'ticket-rush server --embedded --allow-faults' prints");
        }
        JsonNode offered = call("GET", "/");
        boolean listed = false;
        for (JsonNode name : offered.path("services")) listed |= name.asText().equals(service);
        if (!listed) throw usage("the fault control at " + faultsUrl + " cannot take " + service + " away");
    }

    /** Watches the rush from now on and strikes each step when its trigger is reached. */
    public void start(IntSupplier buyersDone, int buyers, long startedNanos) {
        List<ChaosStep> pending = new ArrayList<>(steps);
        watcher = Thread.ofVirtual().name("rehearsal").start(() -> {
            while (!pending.isEmpty() && !Thread.currentThread().isInterrupted()) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
                pending.removeIf(step -> {
                    if (!step.due(buyersDone.getAsInt(), buyers, elapsed)) return false;
                    struck.add(new RushSummary.Fault(step.toString(), elapsed.toMillis() / 1000.0, step.outage().toMillis() / 1000.0, strike(step)));
                    return true;
                });
                try {
                    Thread.sleep(TICK);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Stops watching; answers what was struck, in order (a step whose trigger never came is not listed). */
    public List<RushSummary.Fault> stop() throws InterruptedException {
        if (watcher != null) {
            watcher.interrupt();
            watcher.join();
        }
        return struck.stream().sorted(Comparator.comparingDouble(RushSummary.Fault::atSeconds)).toList();
    }

    private String strike(ChaosStep step) {
        try {
            if (step.fault() == ChaosStep.Fault.KILL_INSTANCE) {
                instances.getLast().crash();
                return "killed " + instances.getLast().baseUrl();
            }
            return call("POST", "/outage/" + step.fault().label() + "?seconds=" + step.outage().toMillis() / 1000.0).path("outage").asText();
        } catch (CliFailure e) {
            return "not struck: " + e.getMessage();
        }
    }

    private JsonNode call(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(faultsUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(answer.body());
            if (answer.statusCode() >= 300) throw usage("fault control: " + body.path("message").asText(answer.body()));
            return body;
        } catch (IOException e) {
            throw usage("cannot reach the fault control at " + faultsUrl + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw usage("interrupted");
        }
    }

    private static CliFailure usage(String message) {
        return new CliFailure(CliFailure.USAGE_OR_CONNECTION, message);
    }
}
