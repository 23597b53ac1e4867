package io.funnelworkbench;

import io.funnelworkbench.cli.FunnelCli;
import io.funnelworkbench.ui.main.FunnelWorkbenchApp;
import javafx.application.Application;

/**
 * Entry point. With a command (or --help / --version) it runs the command line; otherwise it opens the
 * desktop app. A plain class, because a main class that extends Application cannot start from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (FunnelCli.wantsCommandLine(args)) {
            System.exit(FunnelCli.run(args));
        }
        Application.launch(FunnelWorkbenchApp.class, args);
    }
}
