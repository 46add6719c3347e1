package io.onegrid.gateway.installer;

import io.onegrid.profile.Durations;
import java.time.Duration;

/** The hub's refusal of {@code POST /api/provision}, by its error code, as one line telling the installer what to do. */
public final class ProvisionRefusals {
    private ProvisionRefusals() {
    }

    public static String explain(HubClient.Answer a) {
        String hub = a.message().isBlank() ? "" : " (hub: " + a.message() + ")";
        return switch (a.error()) {
            case "claim_invalid" -> "the claim code is wrong: no such code on this hub; check it letter by letter"
                    + " (case and dashes do not matter) or ask for a new one";
            case "claim_used" -> "the claim code was used already by another gateway or with another secret;"
                    + " ask the installer's office for a new code";
            case "claim_expired" -> "the claim code expired before it was used; ask for a new code";
            case "claim_revoked" -> "the claim code was revoked; ask for a new code";
            case "gateway_taken" -> "the gateway id is already registered on the hub with another credential;"
                    + " pass another --gateway-id, restore this gateway's hub-password or hub-client.key file, or ask"
                    + " an admin to revoke the old credential (DELETE /api/gateways/ID/credential)" + hub;
            case "clock_skew" -> clockSkew(a);
            case "csr_invalid" -> "the hub could not use this gateway's certificate request; remove hub-client.key and"
                    + " hub-client.csr from the configuration folder and run again (the claim code is still good)" + hub;
            case "certificate_needs_tls" -> "the hub takes no client certificates (its MQTT listener has no TLS); run"
                    + " again with --credential password (the claim code is still good)" + hub;
            case "rate_limited" -> "the hub refuses provisioning from here for now after too many failed attempts;"
                    + " retry in " + retryAfter(a) + hub;
            case "bad_request" -> "the hub refused the request as malformed" + hub;
            case "unavailable" -> "the hub's database is not available now; retry in a minute" + hub;
            default -> "the hub refused provisioning with HTTP " + a.status()
                    + (a.error().isBlank() ? "" : " " + a.error()) + hub;
        };
    }

    static String clockSkew(HubClient.Answer a) {
        long skew = a.body().path("skewMs").asLong(0);
        long max = a.body().path("maxSkewMs").asLong(0);
        return "this gateway's clock is " + human(Duration.ofMillis(Math.abs(skew))) + (skew < 0 ? " behind" : " ahead of")
                + " the hub's" + (max > 0 ? " (at most " + human(Duration.ofMillis(max)) + " allowed)" : "")
                + "; set the clock (timedatectl set-ntp true, or date -s) and run again";
    }

    static String retryAfter(HubClient.Answer a) {
        long s = a.retryAfterS().orElse(a.body().path("retryAfterS").asLong(60));
        return human(Duration.ofSeconds(Math.max(1, s)));
    }

    /** In the project's duration syntax, whole seconds: "3h12m", as the hub writes it. */
    static String human(Duration d) {
        return Durations.format(d.getSeconds() > 0 ? Duration.ofSeconds(d.getSeconds()) : d);
    }
}
