package io.funnelworkbench.cli;

import io.funnelworkbench.model.AppVersion;
import io.funnelworkbench.model.ExpectedFailure;
import io.funnelworkbench.model.Failures;
import io.funnelworkbench.model.PlainMessages;
import io.funnelworkbench.text.Numbers;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The command line: the same engine as the app, for automation and large files (see CLI.md). */
@Command(name = "funnel-workbench", mixinStandardHelpOptions = true, versionProvider = FunnelCli.Version.class,
        description = {"Goals and funnels on event exports, offline.",
            "With no command, java -jar funnel-workbench.jar opens the desktop app."})
public final class FunnelCli implements Callable<Integer> {
    static final int BAD_INPUT = 1;
    static final int USAGE_ERROR = 2;
    static final int INTERNAL_ERROR = 3;
    static final String DEBUG = "--debug";

    /** Read from the parse result (any command may carry it), so the field itself is only for picocli. */
    @Option(names = DEBUG, scope = ScopeType.INHERIT,
            description = "On an internal error (exit 3), print its stack trace to standard error.")
    private boolean debug;

    @Spec
    private CommandSpec spec;

    /** The commands in the order --help lists them. */
    private static final List<String> COMMANDS = List.of("import", "connect", "events", "goal", "funnel", "impact",
            "users", "paths", "chart", "verify", "bench", "selftest", "help");

    /**
     * A new command object, or null for an unknown name. Only the command named is built for a run: picocli
     * reads every registered command's annotations up front, about 0.3 s of a fresh process for all of them.
     * A switch rather than a map of constructor references, which cost a cold start a generated class each.
     */
    private static Object command(String name) {
        return switch (name) {
            case "import" -> new ImportCommand();
            case "connect" -> new ConnectCommand();
            case "events" -> new EventsCommand();
            case "goal" -> new GoalCommand();
            case "funnel" -> new FunnelCommand();
            case "impact" -> new ImpactCommand();
            case "users" -> new UsersCommand();
            case "paths" -> new PathsCommand();
            case "chart" -> new ChartCommand();
            case "verify" -> new VerifyCommand();
            case "bench" -> new BenchCommand();
            case "selftest" -> new SelfTestCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> null;
        };
    }

    /** True when {@code args} ask for the command line rather than the desktop app. */
    public static boolean wantsCommandLine(String[] args) {
        return Arrays.stream(args).anyMatch(a -> !a.startsWith("--sample=") && !a.startsWith("--project="));
    }

    /** The command-line launcher's entry point: never the desktop app, so no command prints the usage. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** No command given: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE_ERROR;
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new FunnelCli());
        for (String name : commandsFor(args)) {
            cli.addSubcommand(name, command(name));
        }
        giveEveryCommandTheVersion(cli);
        // As the commands that parse their own choices (GoalCommand.parse): "--format TABLE" is "--format table".
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                report(error, debugRequested(parseResult), commandLine.getErr()));
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemorySentence());
            return BAD_INPUT;
        }
    }

    private static String outOfMemorySentence() {
        return "The command ran out of memory: Funnel Workbench may use "
                + Numbers.bytes(Runtime.getRuntime().maxMemory()) + " here, and nothing was changed. Give it more"
                + " (java -Xmx4g, or JAVA_TOOL_OPTIONS=-Xmx4g for the installed command), or split the file.";
    }

    /** The command named first, none for the version, and all of them for help, a typo or no command. */
    private static List<String> commandsFor(String[] args) {
        String first = args.length > 0 ? args[0] : "";
        if (first.equals("--version") || first.equals("-V")) {
            return List.of();
        }
        return COMMANDS.contains(first) && !first.equals("help") ? List.of(first) : COMMANDS;
    }

    /** {@code funnel --version} answers like {@code --version}: picocli does not pass the provider down. */
    private static void giveEveryCommandTheVersion(CommandLine command) {
        command.getCommandSpec().versionProvider(new Version());
        command.getSubcommands().values().forEach(FunnelCli::giveEveryCommandTheVersion);
    }

    /**
     * Exit 1 for bad input (our own failures, which already say what happened and what to do, a file that cannot
     * be read, too little memory), 3 for anything else: a defect, said as such rather than as a bare Java message.
     */
    static int exitCodeFor(Throwable error) {
        return Failures.isBadInput(error) || Failures.isCancellation(error) || PlainMessages.isOutOfMemory(error)
                ? BAD_INPUT : INTERNAL_ERROR;
    }

    /** Prints one sentence about {@code error} (and, for a defect under --debug, its stack trace); the exit code. */
    static int report(Throwable error, boolean debug, PrintWriter err) {
        int code = exitCodeFor(error);
        if (code == BAD_INPUT) {
            err.println(badInputSentence(error));
        } else if (debug) {
            err.println("Internal error (" + error.getClass().getSimpleName() + "). Please report it with the"
                    + " command you ran and the details below.");
            error.printStackTrace(err);
        } else {
            err.println("Internal error (" + error.getClass().getSimpleName() + "). Run again with " + DEBUG
                    + " to see the details, and report it.");
        }
        err.flush();
        return code;
    }

    /**
     * Our own failures say what went wrong in their own words, out of memory included (an import names its file
     * and says nothing was imported); only memory running out elsewhere gets the generic sentence.
     */
    private static String badInputSentence(Throwable error) {
        if (PlainMessages.isOutOfMemory(error) && !(error instanceof ExpectedFailure)) {
            return outOfMemorySentence();
        }
        return Failures.badInputSentence(error);
    }

    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Funnel Workbench " + AppVersion.current()};
        }
    }
}
