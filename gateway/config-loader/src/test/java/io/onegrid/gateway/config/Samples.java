package io.onegrid.gateway.config;

/** Configuration files shared by the tests. */
final class Samples {
    static final String DEMO = """
            gateway:
              id: gw-demo-01
            hub:
              uri: tcp://127.0.0.1:1883
              password: demo-gateway-secret
            storage:
              dir: ./run/gateway
            gpio:
              backend: simulator
              simulator: 127.0.0.1:7021
            devices:
              - id: smoke-302
                profile: smoke-detector-gpio
                address: smoke=flat302.smoke,siren=flat302.siren
                site: bldg-7
                unit: "302"
              - id: hydrant-b7
                profile: hydrant-pressure-modbus
                address: 127.0.0.1:5020/1
                site: bldg-7
                area: pump-room
                overrides: {low-pressure.below: 0.10}
            """;

    private Samples() {
    }
}
