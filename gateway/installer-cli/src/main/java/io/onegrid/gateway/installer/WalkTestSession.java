package io.onegrid.gateway.installer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One walk test from the installer's laptop or the gateway: log in, start (or extend) the hub's walk test, show
 * each second which declared devices the hub has seen trigger, stop on Ctrl-C ({@link #stop()}), when all did, or at
 * the duration; then end it and store the commissioning report. Every step talks to the hub only (docs/hub.md).
 */
public final class WalkTestSession {
    static final Duration REFRESH = Duration.ofSeconds(1);
    /** A poll that fails this many times in a row ends the live view (the report is still tried). */
    static final int MAX_FAILED_POLLS = 10;

    /** Waits between refreshes; tests pass one that does not sleep. */
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    /** What the installer asked for. */
    public record Request(String gatewayId, List<String> devices, String user, String password, Duration duration) { }

    /** The report as the hub stored it, and whether every device was tested. */
    public record Outcome(JsonNode stored, boolean complete) { }

    private final HubClient hub;
    private final Clock clock;
    private final Pause pause;
    private final Screen screen;
    private final PrintWriter out;
    private final ZoneId zone;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public WalkTestSession(HubClient hub, Clock clock, Pause pause, Screen screen, PrintWriter out, ZoneId zone) {
        this.hub = hub;
        this.clock = clock;
        this.pause = pause;
        this.screen = screen;
        this.out = out;
        this.zone = zone;
    }

    /** Ctrl-C: end the live view at the next refresh; the walk test is then ended and the report stored. */
    public void stop() {
        stopped.set(true);
    }

    /**
     * @return the stored report, or an outcome with a null report when Ctrl-C came before any device triggered
     *         (nothing was tested, so the gateway's latest report is not replaced by an empty one)
     */
    public Outcome run(Request r) throws HubRefusedException, InterruptedException {
        login(r.user(), r.password());
        if (stopped.get()) throw new HubRefusedException("stopped before the walk test started; nothing changed on the hub");
        String path = "/api/gateways/" + r.gatewayId() + "/walktest";
        HubClient.Answer started = hub.send("POST", path,
                HubClient.JSON.createObjectNode().put("duration", io.onegrid.profile.Durations.format(r.duration())));
        if (started.status() == 404) {
            throw new HubRefusedException("the hub does not know gateway " + r.gatewayId() + " in your part of the grid;"
                    + " has it been provisioned and connected (./onegrid provision)?");
        }
        if (started.status() != 200 && started.status() != 201) throw new HubRefusedException(refusal("start the walk test", started));
        long id = started.body().path("id").asLong();
        if (started.body().path("alreadyRunning").asBoolean(false)) {
            out.println("a walk test was running already for " + r.gatewayId() + "; the hub extended it to end at "
                    + started.body().path("endsAt").asText() + (started.message().isBlank() ? "" : " (" + started.message() + ")"));
        } else {
            out.println("walk test " + id + " started for " + r.gatewayId() + " until " + started.body().path("endsAt").asText()
                    + ": alarms open no case and notify nobody. Trigger each sensor now; Ctrl-C ends it.");
        }
        out.flush();

        WalkTestView view = watch(r, path);
        HubClient.Answer ended = hub.send("DELETE", path, null);
        if (ended.status() != 200) out.println("warning: " + refusal("end the walk test", ended) + "; it ends by itself at its end time");
        else out.println("walk test ended; " + view.triggeredCount() + " of " + r.devices().size() + " devices triggered");

        // the hub's own view after the end is the one the report must agree with
        HubClient.Answer last = hub.send("GET", path, null);
        if (last.status() == 200) view = WalkTestView.of(r.devices(), last.body(), zone);
        if (stopped.get() && view.triggeredCount() == 0) {
            out.println("no device triggered before Ctrl-C: no commissioning report stored (the previous one stays)");
            return new Outcome(null, false);
        }
        HubClient.Answer stored = hub.send("PUT", "/api/gateways/" + r.gatewayId() + "/commissioning", view.report(id, null));
        if (stored.status() != 200) throw new HubRefusedException(refusal("store the commissioning report", stored));
        return new Outcome(stored.body(), !stored.body().path("untested").elements().hasNext());
    }

    private WalkTestView watch(Request r, String path) throws InterruptedException {
        Instant end = clock.instant().plus(r.duration());
        WalkTestView view = WalkTestView.of(r.devices(), HubClient.JSON.createObjectNode(), zone);
        int failed = 0;
        while (!stopped.get()) {
            try {
                HubClient.Answer a = hub.send("GET", path, null);
                if (a.status() == 200) {
                    failed = 0;
                    view = WalkTestView.of(r.devices(), a.body(), zone);
                    screen.show(view.lines());
                    if (view.allTriggered()) {
                        out.println("every device triggered");
                        break;
                    }
                    if (!a.body().path("active").asBoolean(true)) {
                        out.println("the hub ended the walk test (" + a.body().path("endsAt").asText() + ")");
                        break;
                    }
                } else if (++failed >= MAX_FAILED_POLLS) {
                    out.println("warning: " + refusal("read the walk test", a) + "; stopping the live view");
                    break;
                }
            } catch (HubRefusedException e) {
                // a Wi-Fi blip in a stairwell must not lose the walk test: keep trying, say so once per failure
                out.println("warning: " + e.getMessage());
                if (++failed >= MAX_FAILED_POLLS) break;
            }
            if (!clock.instant().isBefore(end)) {
                out.println("the walk test's " + io.onegrid.profile.Durations.format(r.duration()) + " are over");
                break;
            }
            pause.pause(REFRESH);
        }
        out.flush();
        return view;
    }

    private void login(String user, String password) throws HubRefusedException, InterruptedException {
        HubClient.Answer a = hub.send("POST", "/api/auth/login",
                HubClient.JSON.createObjectNode().put("username", user).put("password", password));
        if (a.status() == 401) throw new HubRefusedException("the hub refused the login of " + user + ": wrong user name or password");
        if (a.status() == 429) {
            throw new HubRefusedException("the hub refuses logins from here for now after failed attempts; retry in "
                    + ProvisionRefusals.retryAfter(a));
        }
        if (a.status() != 200) throw new HubRefusedException(refusal("log in", a));
        hub.useToken(a.body().path("token").asText());
    }

    static String refusal(String what, HubClient.Answer a) {
        return "the hub did not let you " + what + ": HTTP " + a.status() + (a.error().isBlank() ? "" : " " + a.error())
                + (a.message().isBlank() ? "" : " (" + a.message() + ")")
                + (a.body().path("problems").isArray() ? " " + a.body().path("problems") : "");
    }
}
