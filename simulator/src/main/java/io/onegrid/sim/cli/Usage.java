package io.onegrid.sim.cli;

/** The --help text. Kept beside the CLI so both change together; docs/simulator.md repeats it. */
final class Usage {
    private Usage() { }

    static final String TEXT = String.join("\n",
            "OneGrid simulator: simulated Modbus TCP/RTU and CoAP devices and GPIO lines driven by a scenario file.",
            "",
            "Usage:",
            "  java -jar onegrid-sim.jar run SCENARIO [options]   serve the devices and play the timeline",
            "  java -jar onegrid-sim.jar validate SCENARIO [--profiles DIR]   check a scenario and exit",
            "  java -jar onegrid-sim.jar --help",
            "",
            "Options:",
            "  --modbus-host HOST       Modbus TCP bind address (default 127.0.0.1)",
            "  --modbus-port PORT       Modbus TCP port (default 5020; 0 = any free port, printed on start)",
            "  --modbus-rtu DEVICE      serve the scenario's RTU bus on a serial device file, e.g. one end of a",
            "                           socat pty pair; several buses: BUS=DEVICE,BUS=DEVICE",
            "  --modbus-rtutcp PORT     serve the RTU bus as RTU frames over TCP on --modbus-host (BUS=PORT,... for",
            "                           several buses; 0 = any free port)",
            "  --coap-host HOST         CoAP bind address (default 127.0.0.1)",
            "  --coap-port PORT         UDP port of the first CoAP device, the next ones count up (default 5683;",
            "                           0 = any free port each); a device's coap: {port: N} wins",
            "  --gpio-host HOST         GPIO line server bind address (default 127.0.0.1)",
            "  --gpio-port PORT         GPIO line server port (default 7021; 0 = any free port)",
            "  --speed N                run scenario time N times faster than real time (default 1)",
            "  --exit-after-timeline    exit once the last timeline step has fired (default: serve until Ctrl-C)",
            "  --profiles DIR           device profiles from DIR in addition to the built-in catalog (DIR wins)",
            "",
            "On start it prints 'Modbus TCP listening on HOST:PORT', 'Modbus RTU bus NAME on DEVICE (...)',",
            "'Modbus RTU over TCP bus NAME listening on HOST:PORT (...)', 'CoAP device ID listening on coap://HOST:PORT'",
            "and 'GPIO lines listening on HOST:PORT',",
            "then one line per timeline step, e.g. 't+10s smoke-302 smoke=true  (smoke in flat 302)'.",
            "",
            "Exit codes: 0 ok, 1 runtime failure (e.g. port in use), 2 usage error or bad scenario/profile.",
            "See docs/simulator.md for the scenario format and the GPIO line protocol.",
            "");
}
