package dev.ticketrush.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code --json} option every command that prints a result shares, and the one way it prints JSON. */
public final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print the result as one JSON object, for scripts, instead of a table.")
    boolean enabled;

    public boolean enabled() {
        return enabled;
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
