package dev.ticketrush.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code ticket-rush} command line: one subcommand class per verb. */
@Command(name = "ticket-rush",
        mixinStandardHelpOptions = true,
        versionProvider = TicketRush.Version.class,
        description = "Run first-come-first-served ticket sales, fire buyer swarms at them and prove no seat was sold twice.",
        subcommands = {ServerCommand.class, StackCommand.class, SetupCommand.class, ConcertsCommand.class, DemoCommand.class, RushCommand.class, VerifyCommand.class,
                WatchCommand.class, StatusCommand.class, SuiteCommand.class,
                CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 ok, 1 a check failed, 2 bad usage or an unreachable server,",
                "3 a rush missed a --threshold, 130 a rush stopped with Ctrl-C.", "", "Shell completion: source <(ticket-rush generate-completion)"})
public final class TicketRush {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TicketRush());
        cli.setParameterExceptionHandler(TicketRush::usageError);
        cli.setExecutionExceptionHandler(TicketRush::failure);
        return cli;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage() + suggestion(e)
                + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        return CliFailure.USAGE_OR_CONNECTION;
    }

    /** Picocli's nearest commands or options to a mistyped one, as "; did you mean rush?". */
    private static String suggestion(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getSuggestions().isEmpty()) return "";
        return "; did you mean " + String.join(" or ", unmatched.getSuggestions().stream().limit(3).toList()) + "?";
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof CliFailure failure) {
            err.println(command.getCommandSpec().qualifiedName() + ": " + failure.getMessage());
            return failure.exitCode();
        }
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        return CliFailure.USAGE_OR_CONNECTION;
    }

    /** Reads the version Maven wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TicketRush.class.getPackage().getImplementationVersion();
            return new String[] {"ticket-rush " + (version == null ? "development build" : version)};
        }
    }
}
