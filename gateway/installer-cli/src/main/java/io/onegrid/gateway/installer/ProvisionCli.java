package io.onegrid.gateway.installer;

import io.onegrid.gateway.cli.support.CliRunner;
import io.onegrid.gateway.cli.support.Help;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onegrid-gateway provision --hub URL --claim CODE}: turns a claim code into this gateway's identity
 * (docs/installing.md). Run by the gateway jar instead of the framework (GatewayBoot), or {@code ./onegrid provision}.
 */
@Command(name = "onegrid-gateway provision",
        description = {"Claim this gateway on the hub with a claim code: make the gateway's own credential, store it",
                "and write the hub section of DIR/gateway.yaml. The credential is a client certificate when the hub",
                "signs them (its MQTT has TLS): a key made here (DIR/hub-client.key, mode 0600, never sent) and the",
                "certificate the hub signs (DIR/hub-client.crt); else a password (DIR/hub-password, mode 0600).",
                "Safe to run again: it reuses the stored key or secret, and keeps the devices already declared."},
        footer = {"", "Exit codes: 0 provisioned, 1 refused by the hub or hub unreachable, 2 usage.",
                "Example: onegrid-gateway provision --hub https://hub.example.org --claim 7KQ4-M2XD-9T --ca hub-ca.pem"})
public final class ProvisionCli implements Callable<Integer> {
    static final String NAME = "onegrid-gateway provision";
    static final String GATEWAY_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @CommandLine.Mixin
    Help help;

    @Option(names = "--hub", required = true, paramLabel = "URL",
            description = "The hub's HTTP API, https://HOST[:PORT] (plain http only for a hub on this machine).")
    String hub;

    @Option(names = "--claim", required = true, paramLabel = "CODE", description = "The claim code, e.g. 7KQ4-M2XD-9T.")
    String claim;

    @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "/etc/onegrid",
            description = "Where gateway.yaml and hub-password go (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "PEM file of the CA that signed the hub's certificate (default: the system's CAs); copied to DIR/hub-ca.pem.")
    Path ca;

    @Option(names = "--gateway-id", paramLabel = "ID",
            description = "This gateway's id (default: gateway.id of an existing DIR/gateway.yaml, else the hub assigns one).")
    String gatewayId;

    @Option(names = "--credential", paramLabel = "auto|cert|password", defaultValue = "auto",
            description = "How the gateway logs in to the hub's MQTT: cert (a client certificate the hub signs; needs its"
                    + " MQTT TLS), password, or auto: cert when the hub offers it, else password (default: ${DEFAULT-VALUE}).")
    String credential;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (gatewayId != null && !gatewayId.matches(GATEWAY_ID)) {
            throw new UsageException("--gateway-id " + gatewayId + ": letters, digits, '.', '_', '-', starting with a"
                    + " letter or digit, at most 64");
        }
        if (claim.isBlank()) throw new UsageException("--claim is empty; give the code the hub made, e.g. 7KQ4-M2XD-9T");
        Provisioner.Credential how = switch (credential.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> Provisioner.Credential.AUTO;
            case "cert", "certificate" -> Provisioner.Credential.CERTIFICATE;
            case "password" -> Provisioner.Credential.PASSWORD;
            default -> throw new UsageException("--credential " + credential + ": give auto, cert or password");
        };
        HubEndpoint endpoint = HubEndpoint.of(hub, ca);
        endpoint.warning().ifPresent(spec.commandLine().getErr()::println);
        Provisioner.Result r = new Provisioner(new HubClient(endpoint), Clock.systemUTC(), new SecureRandom(), out)
                .provision(new Provisioner.Request(claim.trim(), configDir, ca, gatewayId, how));
        out.println("done: gateway " + r.gatewayId() + " is provisioned. Start it with:");
        out.println("  java -Donegrid.config=" + r.config() + " -jar onegrid-gateway.jar");
        return CliRunner.OK;
    }

    /** The gateway jar calls this (reflectively, on its own class loader) with the arguments after "provision". */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return CliRunner.execute(new ProvisionCli(), args, out, err, e -> e instanceof UsageException);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
