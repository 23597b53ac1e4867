package io.funnelworkbench.cli;

import io.funnelworkbench.model.AppVersion;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: the same engine as the app, for automation and large files (see CLI.md). */
@Command(name = "funnel-workbench", mixinStandardHelpOptions = true, versionProvider = FunnelCli.Version.class,
        description = {"Goals and funnels on event exports, offline.",
            "With no command, java -jar funnel-workbench.jar opens the desktop app."},
        subcommands = {ImportCommand.class, EventsCommand.class, GoalCommand.class, FunnelCommand.class,
            ImpactCommand.class, UsersCommand.class, ChartCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class FunnelCli {
    static final int BAD_INPUT = 1;

    /** True when {@code args} ask for the command line rather than the desktop app. */
    public static boolean wantsCommandLine(String[] args) {
        return Arrays.stream(args).anyMatch(a -> !a.startsWith("--sample=") && !a.startsWith("--project="));
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new FunnelCli());
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
