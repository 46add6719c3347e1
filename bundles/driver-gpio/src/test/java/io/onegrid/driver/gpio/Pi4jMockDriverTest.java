package io.onegrid.driver.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DriverException;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver on Pi4J's mock provider: mockState() fires listeners synchronously, debounce time is manual. */
class Pi4jMockDriverTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingSink sink = new RecordingSink();
    private Context context;
    private GpioDriver driver;
    private DeviceConnection connection;

    @BeforeEach
    void connectSmokeDetectorOnLines17And27() throws DriverException {
        context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .disableShutdownHook()
                .build();
        Context ctx = context;
        driver = new GpioDriver(new Pi4jBackend("pi4j mock", () -> ctx), scheduler, TestProfiles.tickingClock());
        connection = driver.connect(TestProfiles.device("flat302-smoke", "smoke=17,siren=27"), TestProfiles.smokeDetector(), sink);
        // The mock line starts LOW (= smoke with active LOW); a real pulled-up idle line reads HIGH.
        smokeLine().mockState(DigitalState.HIGH);
        scheduler.advance(TestProfiles.DEBOUNCE);
        sink.clear();
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private MockDigitalInput smokeLine() {
        return context.registry().get(Pi4jBackend.ioId(17), MockDigitalInput.class);
    }

    /** A smoke edge (line pulled LOW) that holds for the debounce time becomes one reading smoke=true. */
    @Test
    void smokeEdgeBecomesDebouncedReading() {
        smokeLine().mockState(DigitalState.LOW);
        assertThat(sink.readings).isEmpty();

        scheduler.advance(TestProfiles.DEBOUNCE);

        assertThat(sink.readings).singleElement().satisfies(r -> {
            assertThat(r.deviceId()).isEqualTo("flat302-smoke");
            assertThat(r.channel()).isEqualTo("smoke");
            assertThat(r.value()).isEqualTo(true);
            assertThat(r.quality()).isEqualTo(Quality.GOOD);
        });
    }

    /** A pulse shorter than the debounce time produces no reading at all. */
    @Test
    void bounceShorterThanDebounceGivesNoReading() {
        smokeLine().mockState(DigitalState.LOW);
        scheduler.advance(Duration.ofMillis(10));
        smokeLine().mockState(DigitalState.HIGH);
        scheduler.advance(Duration.ofMillis(500));

        assertThat(sink.readings).isEmpty();
    }

    /** With active level LOW, electrical 0 reads true and electrical 1 reads false, on push and on poll. */
    @Test
    void activeLowMapsElectricalZeroToTrue() throws DriverException {
        assertThat(connection.polled()).isFalse();
        assertThat(connection.poll()).extracting(Reading::channel, Reading::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("smoke", false));

        smokeLine().mockState(DigitalState.LOW);
        scheduler.advance(TestProfiles.DEBOUNCE);
        smokeLine().mockState(DigitalState.HIGH);
        scheduler.advance(TestProfiles.DEBOUNCE);

        assertThat(sink.values("smoke")).containsExactly("true", "false");
        assertThat(connection.poll()).extracting(Reading::value).containsExactly(false);
    }

    /** Writing siren=true drives the active-HIGH output line high, and false drives it low again. */
    @Test
    void sirenOutputIsWritten() throws DriverException {
        MockDigitalOutput siren = context.registry().get(Pi4jBackend.ioId(27), MockDigitalOutput.class);
        assertThat(siren.state()).isEqualTo(DigitalState.LOW);

        connection.write("siren", true);
        assertThat(siren.state()).isEqualTo(DigitalState.HIGH);
        assertThat(sink.values("siren")).containsExactly("true");

        connection.write("siren", "off");
        assertThat(siren.state()).isEqualTo(DigitalState.LOW);
    }

    /** Writing an input, an unknown channel or a non-boolean value fails with a clear DriverException. */
    @Test
    void badWritesAreRejected() {
        assertThatThrownBy(() -> connection.write("smoke", true))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.code()).isEqualTo(DriverException.Code.UNSUPPORTED))
                .hasMessageContaining("'smoke' is an input");
        assertThatThrownBy(() -> connection.write("door", true))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.code()).isEqualTo(DriverException.Code.BAD_ADDRESS))
                .hasMessageContaining("no channel 'door'");
        assertThatThrownBy(() -> connection.write("siren", 0.5))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.code()).isEqualTo(DriverException.Code.DECODE));
    }

    /** Pi4J lines are BCM numbers: a simulator line name is a BAD_ADDRESS naming the line. */
    @Test
    void nonNumericLineIsBadAddress() {
        assertThatThrownBy(() -> driver.connect(TestProfiles.device("d2", "smoke=flat302.smoke"), TestProfiles.smokeDetector(), sink))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.code()).isEqualTo(DriverException.Code.BAD_ADDRESS))
                .hasMessageContaining("'flat302.smoke' is not a BCM line number");
    }

    /** A line already used by another device cannot be opened twice. */
    @Test
    void lineInUseIsRejected() {
        assertThatThrownBy(() -> driver.connect(TestProfiles.device("d2", "smoke=17"), TestProfiles.smokeDetector(), sink))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("BCM line 17");
    }

    /** Closing the connection releases its lines, so the same lines can be opened again. */
    @Test
    void closeReleasesLines() throws DriverException {
        connection.close();

        DeviceConnection again = driver.connect(TestProfiles.device("flat302-smoke", "smoke=17,siren=27"), TestProfiles.smokeDetector(), sink);

        assertThat(again.poll()).hasSize(1);
    }

}
