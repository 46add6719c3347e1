package io.onegrid.sim;

import io.onegrid.sim.cli.SimCli;
import java.util.concurrent.atomic.AtomicReference;

/** Entry point of onegrid-sim.jar; see {@link SimCli} for the commands. */
public final class SimMain {
    private SimMain() { }

    public static void main(String[] args) {
        AtomicReference<Simulation> running = new AtomicReference<>();
        // Ctrl-C: close the servers so clients see the connections end rather than hang.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Simulation sim = running.getAndSet(null);
            if (sim != null) {
                sim.close();
            }
        }, "sim-shutdown"));
        int code = new SimCli(System.out, System.err, running::set).run(args);
        running.set(null);
        System.exit(code);
    }
}
