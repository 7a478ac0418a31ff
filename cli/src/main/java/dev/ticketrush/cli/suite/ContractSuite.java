package dev.ticketrush.cli.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.cli.CliFailure;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.api.ServerUnreachable;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Runs every contract check in order and collects PASS/FAIL with what differed. Needs nothing but the server's HTTP API. */
public final class ContractSuite {

    private final ApiClient api;

    public ContractSuite(ApiClient api) {
        this.api = api;
    }

    public List<CheckResult> run() {
        requireContract();
        try (SuiteContext context = new SuiteContext(api)) {
            List<CheckResult> results = new ArrayList<>();
            for (ContractCheck check : new ContractChecks().all()) results.add(run(check, context));
            return results;
        }
    }

    /** One line and exit 2 against a server that does not speak the contract at all, rather than ten failures. */
    private void requireContract() {
        HttpResponse<String> concerts;
        try {
            concerts = api.exchange(api.request("/api/concerts").GET().build());
        } catch (IOException e) {
            throw new ServerUnreachable(api.baseUrl(), "connection refused or lost");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "interrupted");
        }
        boolean jsonArray;
        try {
            jsonArray = concerts.statusCode() == 200 && new ObjectMapper().readTree(concerts.body()).isArray();
        } catch (IOException notJson) {
            jsonArray = false;
        }
        if (!jsonArray) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "the server at " + api.baseUrl() + " does not speak the Ticket-Rush contract: "
                    + "GET /api/concerts answered HTTP " + concerts.statusCode() + ", not a JSON list");
        }
    }

    private static CheckResult run(ContractCheck check, SuiteContext context) {
        long started = System.nanoTime();
        try {
            check.body().run(context);
            return new CheckResult(check.step(), check.name(), true, elapsedMillis(started), "");
        } catch (CheckFailed failed) {
            return new CheckResult(check.step(), check.name(), false, elapsedMillis(started), failed.getMessage());
        } catch (Exception e) {
            return new CheckResult(check.step(), check.name(), false, elapsedMillis(started),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + SuiteContext.clip(e.getMessage())));
        }
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
