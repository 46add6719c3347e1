package io.onegrid.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.gateway.cli.support.CliRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console command line's output for people and its exit codes, without a gateway. */
class ConsoleCliTest {
    @TempDir
    Path dir;

    /** GIVEN a devices reply WHEN printed for people THEN one aligned row per device with state, age and values. */
    @Test
    void devicesTable() throws Exception {
        Reply reply = ConsoleClient.parse("{\"ok\":true,\"command\":\"devices\",\"result\":{\"devices\":[{\"device\":"
                + "\"smoke-302\",\"profile\":\"smoke-detector-gpio\",\"state\":\"ok\",\"lastReadingAgeMs\":75000,"
                + "\"values\":[{\"channel\":\"smoke\",\"value\":false,\"quality\":\"good\"},{\"channel\":\"level\","
                + "\"value\":2.5,\"unit\":\"m\",\"quality\":\"bad\"}]}]}}");
        StringWriter out = new StringWriter();

        Tables.print("devices", reply.result(), new PrintWriter(out, true));

        assertThat(out.toString().lines()).containsExactly(
                "DEVICE     PROFILE              STATE  LAST READING  VALUES",
                "smoke-302  smoke-detector-gpio  ok     1m15s ago     smoke=false level=2.5 m (bad)");
    }

    /** GIVEN no socket at the path WHEN a command runs THEN it says the gateway is not running and exits 1; bad usage exits 2. */
    @Test
    void exitCodes() {
        StringWriter err = new StringWriter();
        int code = ConsoleCli.run(new String[] {"status", "--socket", dir.resolve("console.sock").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(CliRunner.FAILURE);
        assertThat(err.toString()).contains("not running");

        assertThat(ConsoleCli.run(new String[] {"read"}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))).isEqualTo(CliRunner.USAGE);
    }
}
