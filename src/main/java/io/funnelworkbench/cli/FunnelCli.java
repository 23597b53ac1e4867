package io.funnelworkbench.cli;

import io.funnelworkbench.model.AppVersion;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: the same engine as the app, for automation and large files (see CLI.md). */
@Command(name = "funnel-workbench", mixinStandardHelpOptions = true, versionProvider = FunnelCli.Version.class,
        description = {"Goals and funnels on event exports, offline.",
            "With no command, java -jar funnel-workbench.jar opens the desktop app."})
public final class FunnelCli {
    static final int BAD_INPUT = 1;

    /**
     * The commands in the order --help lists them. Only the one named is built for a run: picocli reads every
     * registered command's annotations up front, which cost a fresh process about 0.3 s for all of them.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("import", ImportCommand::new);
        commands.put("events", EventsCommand::new);
        commands.put("goal", GoalCommand::new);
        commands.put("funnel", FunnelCommand::new);
        commands.put("impact", ImpactCommand::new);
        commands.put("users", UsersCommand::new);
        commands.put("chart", ChartCommand::new);
        commands.put("bench", BenchCommand::new);
        commands.put("selftest", SelfTestCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return commands;
    }

    /** True when {@code args} ask for the command line rather than the desktop app. */
    public static boolean wantsCommandLine(String[] args) {
        return Arrays.stream(args).anyMatch(a -> !a.startsWith("--sample=") && !a.startsWith("--project="));
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new FunnelCli());
        Supplier<Object> named = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        giveEveryCommandTheVersion(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            commandLine.getErr().println(sentence(error));
            return BAD_INPUT;
        });
        return cli.execute(args);
    }

    /** {@code funnel --version} answers like {@code --version}: picocli does not pass the provider down. */
    private static void giveEveryCommandTheVersion(CommandLine command) {
        command.getCommandSpec().versionProvider(new Version());
        command.getSubcommands().values().forEach(FunnelCli::giveEveryCommandTheVersion);
    }

    private static String sentence(Throwable error) {
        Throwable cause = error;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? "Failed: " + cause.getClass().getSimpleName() : cause.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Funnel Workbench " + AppVersion.current()};
        }
    }
}
