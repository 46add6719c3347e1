package io.onegrid.hub;

import io.onegrid.hub.config.ConfigException;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.config.HubConfigParser;
import java.time.Clock;

/**
 * {@code java -jar onegrid-hub.jar [options]}: starts the hub and prints one line per listener
 * ("MQTT listening on ...", "HTTP listening on ...") for scripts to wait for. Exit codes: 0 after
 * --help or a clean stop (Ctrl-C, SIGTERM), 1 when the hub cannot start, 2 for a bad setting.
 */
public final class HubMain {
    private HubMain() { }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("grid")) {
            System.exit(GridCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (HubConfigParser.wantsHelp(args)) {
            System.out.print(HubConfigParser.help());
            return;
        }
        HubConfig config;
        try {
            config = HubConfigParser.parse(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("onegrid-hub: " + e.getMessage());
            System.exit(2);
            return;
        }
        for (String a : args) {
            if (a.equals("--gateway") || a.startsWith("--gateway=")) {
                System.err.println("onegrid-hub: note: secrets given with --gateway are visible to other local users "
                        + "(ps); prefer the environment: ONEGRID_HUB_GATEWAY=id:secret,id2:secret2");
                break;
            }
        }
        Hub hub;
        try {
            hub = Hub.start(config, Clock.systemUTC(), System.out);
        } catch (RuntimeException e) {
            System.err.println("onegrid-hub: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            System.out.println("Hub stopped");
            System.out.flush();
        }, "hub-shutdown"));
    }
}
