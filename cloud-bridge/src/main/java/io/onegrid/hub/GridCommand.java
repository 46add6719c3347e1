package io.onegrid.hub;

import io.onegrid.hub.config.ConfigException;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.config.HubConfigParser;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridException;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * {@code onegrid-hub grid import FILE [hub options]} and {@code grid export [hub options]}: the grid of the
 * database the hub options name (the same --data-dir / --db-url as the hub). Import validates the whole file
 * first and changes nothing when it has a problem; a running hub reads an imported grid at its next start (use
 * PUT /api/grid to change a running hub). Exit codes: 0 done, 1 database failure, 2 bad usage or bad file.
 */
final class GridCommand {
    private GridCommand() { }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("Usage: onegrid-hub grid import FILE [hub options]\n       onegrid-hub grid export [hub options]\n"
                    + "Imports (validating it first) or prints the grid of the hub's database; see docs/grid.md.");
            return args.length == 0 ? 2 : 0;
        }
        boolean importing = args[0].equals("import");
        if (!importing && !args[0].equals("export")) {
            System.err.println("onegrid-hub grid: unknown command '" + args[0] + "' (import FILE | export)");
            return 2;
        }
        if (importing && (args.length < 2 || args[1].startsWith("--"))) {
            System.err.println("onegrid-hub grid import: give the grid file");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, importing ? 2 : 1, args.length);
        HubConfig config;
        try {
            config = HubConfigParser.parse(rest, System.getenv());
        } catch (ConfigException e) {
            System.err.println("onegrid-hub grid: " + e.getMessage());
            return 2;
        }
        Grid grid = null;
        String text = null;
        if (importing) {
            Path file = Path.of(args[1]);
            try {
                text = Files.readString(file);
                grid = GridFile.parse(text, file.toString());
            } catch (IOException e) {
                System.err.println("onegrid-hub grid import: cannot read " + file + ": " + e.getMessage());
                return 2;
            } catch (GridException e) {
                e.problems().forEach(System.err::println);
                System.err.println("onegrid-hub grid import: " + e.problems().size() + " problem(s); nothing was imported");
                return 2;
            }
        }
        try (JdbcHubStore store = Hub.openStore(config.withCases(new HubConfig.CaseSettings(java.util.Optional.empty(),
                config.cases().slaPolicyFile(), config.cases().gatewayMissingAfter(), config.cases().deviceFaultAfter(),
                config.cases().sweepInterval())), Clock.systemUTC())) {
            if (importing) {
                store.replaceGrid(grid, text, "grid import (" + System.getProperty("user.name") + ")");
                System.out.println("imported grid " + grid.district().id() + ": " + grid.nodes().size() + " nodes, "
                        + grid.residents().size() + " residents, " + grid.responders().size() + " responders");
            } else {
                System.out.print(GridFile.export(store.grid()));
            }
            return 0;
        } catch (StoreException | IllegalStateException e) {
            System.err.println("onegrid-hub grid: " + e.getMessage());
            return 1;
        }
    }
}
