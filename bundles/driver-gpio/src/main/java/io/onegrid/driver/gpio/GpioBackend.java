package io.onegrid.driver.gpio;

import io.onegrid.api.DriverException;
import io.onegrid.profile.GpioPoint;

/**
 * Where GPIO lines physically live: a real board (Pi4J) or the GPIO simulator. Line names are backend
 * specific (a BCM number for Pi4J, a simulator line name for the simulator). Levels are electrical, never
 * logical: active-level mapping and debouncing happen above this seam so every backend behaves the same.
 */
public interface GpioBackend extends AutoCloseable {

    /** Receives every raw level the backend observes on an input line, from the backend's own thread. */
    @FunctionalInterface
    interface LevelListener {
        void onLevel(LineLevel level);
    }

    /** An open input line. */
    interface InputLine extends AutoCloseable {
        /** The raw level now; UNKNOWN when the backend cannot tell (simulator not connected). */
        LineLevel level();

        @Override
        void close();
    }

    /** An open output line. */
    interface OutputLine extends AutoCloseable {
        void set(LineLevel level) throws DriverException;

        @Override
        void close();
    }

    /** Opens an input line with the given pull resistor; {@code listener} hears every edge. */
    InputLine openInput(String line, GpioPoint.Pull pull, LevelListener listener) throws DriverException;

    /** Opens an output line driven to {@code initial}. */
    OutputLine openOutput(String line, LineLevel initial) throws DriverException;

    /** A sentence telling why {@code line} reads UNKNOWN, for errors the poller shows. */
    String describeUnknown(String line);

    /** A short name for logs, for example "simulator 127.0.0.1:7021". */
    String describe();

    @Override
    void close();
}
