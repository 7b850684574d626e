package io.purplesector.kafkasetup;

import java.io.PrintStream;
import org.springframework.stereotype.Component;

/**
 * Where kafka-setup's report goes. The report is the program's output, read by people and
 * scripts, not a log: it goes to standard output without log decoration, and a failure to
 * standard error as one line.
 */
@Component
class SetupConsole {

    private final PrintStream out;
    private final PrintStream err;

    SetupConsole() {
        this(System.out, System.err);
    }

    SetupConsole(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void report(String text) {
        out.print(text);
        out.flush();
    }

    void failure(String reason) {
        err.println("kafka-setup failed: " + reason);
        err.flush();
    }
}
