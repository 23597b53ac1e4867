package io.funnelworkbench.cli;

import io.funnelworkbench.importer.ImportException;
import io.funnelworkbench.model.AppVersion;
import io.funnelworkbench.model.PlainMessages;
import io.funnelworkbench.store.ProjectException;
import io.funnelworkbench.text.Numbers;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The command line: the same engine as the app, for automation and large files (see CLI.md). */
@Command(name = "funnel-workbench", mixinStandardHelpOptions = true, versionProvider = FunnelCli.Version.class,
        description = {"Goals and funnels on event exports, offline.",
            "With no command, java -jar funnel-workbench.jar opens the desktop app."})
public final class FunnelCli implements Callable<Integer> {
    static final int BAD_INPUT = 1;
    static final int USAGE_ERROR = 2;

    @Spec
    private CommandSpec spec;

    /** The commands in the order --help lists them. */
    private static final List<String> COMMANDS = List.of("import", "events", "goal", "funnel", "impact", "users",
            "chart", "bench", "selftest", "help");

    /**
     * A new command object, or null for an unknown name. Only the command named is built for a run: picocli
     * reads every registered command's annotations up front, about 0.3 s of a fresh process for all of them.
     * A switch rather than a map of constructor references, which cost a cold start a generated class each.
     */
    private static Object command(String name) {
        return switch (name) {
            case "import" -> new ImportCommand();
            case "events" -> new EventsCommand();
            case "goal" -> new GoalCommand();
            case "funnel" -> new FunnelCommand();
            case "impact" -> new ImpactCommand();
            case "users" -> new UsersCommand();
            case "chart" -> new ChartCommand();
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
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            commandLine.getErr().println(sentence(error));
            return BAD_INPUT;
        });
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
     * Our own failures (a file, a project, an option) already say what happened and what to do; anything else
     * is a defect, said as such rather than as a bare Java message.
     */
    private static String sentence(Throwable error) {
        if (error instanceof ImportException || error instanceof ProjectException
                || error instanceof IllegalArgumentException || error instanceof IllegalStateException
                || error instanceof UncheckedIOException) {
            return error.getMessage() == null ? PlainMessages.of(error) : error.getMessage();
        }
        if (PlainMessages.isOutOfMemory(error)) {
            return outOfMemorySentence();
        }
        return "The command failed unexpectedly (" + error.getClass().getSimpleName() + ": " + PlainMessages.of(error)
                + "). Please report it with the command you ran.";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Funnel Workbench " + AppVersion.current()};
        }
    }
}
