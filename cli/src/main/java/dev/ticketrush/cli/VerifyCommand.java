package dev.ticketrush.cli;

import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.check.SaleAudit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a sale independently from the server's seat audit; exit 1 and the offending seats on any violation.",
                "Every RESERVED seat must have exactly one live reservation and no AVAILABLE seat any."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @ArgGroup(multiplicity = "1")
    SaleTarget target;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        ApiClient api = client.api();
        List<Long> options = target.options(api);
        SaleAudit audit = new SaleAudit(api);
        int seats = 0;
        int sold = 0;
        int oversold = 0;
        List<String> violations = new ArrayList<>();
        for (long option : options) {
            SaleAudit.Verdict verdict = audit.seats(option);
            seats += verdict.seats();
            sold += verdict.sold();
            oversold += verdict.oversold();
            verdict.violations().forEach(v -> violations.add("option " + option + ": " + v));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("passed", violations.isEmpty());
            report.put("options", options);
            report.put("seats", seats);
            report.put("sold", sold);
            report.put("oversold", oversold);
            report.put("violations", violations);
            JsonOutput.print(out, report);
        } else {
            out.printf("%s: %d seats in %d option(s), %d sold, %d oversold, %d violation(s)%n",
                    violations.isEmpty() ? "PASS" : "FAIL", seats, options.size(), sold, oversold, violations.size());
            violations.forEach(v -> out.println("  " + v));
        }
        return violations.isEmpty() ? 0 : CliFailure.CHECK_FAILED;
    }
}
