package io.parley.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** One person in the web app: a browser context of their own, driven through the app's accessible names. */
final class Participant implements AutoCloseable {

    private final String name;
    private final BrowserContext context;
    private final Page page;
    /** The signaling events this page received, by type, as the server sent them (WebSocket frames). */
    private final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Participant(String name, BrowserContext context) {
        this.name = name;
        this.context = context;
        this.page = context.newPage();
        this.page.setDefaultTimeout(15_000);
        // the page's own warnings and errors, in the test's output
        this.page.onConsoleMessage(message -> {
            if ("warning".equals(message.type()) || "error".equals(message.type())) {
                System.out.println("[" + name + " console " + message.type() + "] " + message.text());
            }
        });
        this.page.onPageError(error -> System.out.println("[" + name + " page error] " + error));
        this.page.onWebSocket(socket -> socket.onFrameReceived(frame -> {
            String text = frame.text();
            if (text != null) {
                received.add(text);
            }
        }));
    }

    /** The signaling events of {@code type} this page received so far, as JSON text. */
    List<String> receivedEvents(String type) {
        return received.stream().filter(text -> text.contains("\"type\":\"" + type + "\"")).toList();
    }

    /** Opens the room's address, types the name and presses Join, as a person would. */
    static Participant joinRoom(Browser browser, URI base, String room, String name) {
        Participant participant = new Participant(name, browser.newContext());
        participant.page.navigate(base.resolve("/r/" + room).toString());
        participant.page.getByLabel("Your name").fill(name);
        participant.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        participant.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).waitFor();
        return participant;
    }

    /** Opens an address (e.g. an invite link) in a fresh context, types the name and joins. */
    static Participant joinByLink(Browser browser, String link, String name) {
        Participant participant = new Participant(name, browser.newContext());
        participant.page.navigate(link);
        participant.page.getByLabel("Your name").fill(name);
        participant.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        participant.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).waitFor();
        return participant;
    }

    /** A context of its own at the lobby of {@code room}, not joined yet. */
    static Participant atLobby(BrowserContext context, URI base, String room, String name) {
        Participant participant = new Participant(name, context);
        participant.page.navigate(base.resolve("/r/" + room).toString());
        participant.page.getByLabel("Your name").waitFor();
        return participant;
    }

    /** Types the name and presses Join (from the lobby). */
    void join() {
        page.getByLabel("Your name").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).waitFor();
    }

    /** The stage's layout: grid, speaker, screen or pinned. */
    String layout() {
        return page.locator(".grid[role=region]").getAttribute("data-layout");
    }

    /** The accessible name of the tile in focus, or null in the grid. */
    String focusedTile() {
        Locator focus = page.locator(".tile.focus");
        return focus.count() == 0 ? null : focus.getAttribute("aria-label");
    }

    /** Opens a direct link carrying a session's credentials (what a back end hands out with a token). */
    static Participant openDirect(Browser browser, URI base, String name, String sessionId, String token) {
        return openDirect(browser, new Browser.NewContextOptions(), base, name, sessionId, token);
    }

    /** The same in a browser context of {@code options} (a window of another size, say). */
    static Participant openDirect(Browser browser, Browser.NewContextOptions options, URI base, String name,
                                  String sessionId, String token) {
        Participant participant = new Participant(name, browser.newContext(options));
        participant.page.navigate(base.resolve("/r/direct").toString() + "#platform=embedded&applicationId=parley"
                + "&sessionId=" + sessionId + "&token=" + token);
        participant.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).waitFor();
        return participant;
    }

    String name() {
        return name;
    }

    Page page() {
        return page;
    }

    Locator tile(String displayName) {
        return page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(displayName).setExact(true));
    }

    Locator button(String accessibleName) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(accessibleName).setExact(true));
    }

    Locator alert() {
        return page.getByRole(AriaRole.ALERT);
    }

    /** Frames decoded per remote stream name, from the page's RTCPeerConnection stats. */
    @SuppressWarnings("unchecked")
    Map<String, Number> framesDecoded(String videoType) {
        List<Map<String, Object>> inbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.inboundVideo() : []");
        Map<String, Number> frames = new HashMap<>();
        for (Map<String, Object> stream : inbound) {
            if (videoType.equals(stream.get("videoType"))) {
                frames.merge(String.valueOf(stream.get("name")), (Number) stream.get("framesDecoded"),
                        (a, b) -> Math.max(a.longValue(), b.longValue()));
            }
        }
        return frames;
    }

    /**
     * Starts recording when each frame of {@code displayName}'s tile is presented (requestVideoFrameCallback), so
     * that {@link #longestStill} measures a freeze to the frame, not to the interval of a poll of getStats.
     */
    void watchFrames(String displayName) {
        tile(displayName).locator("video").first().evaluate("(video, name) => {"
                + " const clock = (window.parleyFrames ??= {});"
                + " const times = (clock[name] = []);"
                + " const seen = (now) => { times.push(now); video.requestVideoFrameCallback(seen); };"
                + " video.requestVideoFrameCallback(seen); }", displayName);
    }

    /** The page's clock (performance.now()), milliseconds: where a span of {@link #longestStill} begins or ends. */
    double pageNow() {
        return ((Number) page.evaluate("() => performance.now()")).doubleValue();
    }

    /**
     * The longest time in seconds, between {@code fromMs} and {@code toMs} of the page's clock, that the tile of
     * {@code displayName} showed no new frame ({@link #watchFrames} must have started before {@code fromMs}).
     */
    double longestStill(String displayName, double fromMs, double toMs) {
        return ((Number) page.evaluate("([name, from, to]) => {"
                + " const times = (window.parleyFrames ?? {})[name] ?? [];"
                + " let last = from, longest = 0;"
                + " for (const t of times) { if (t <= from) continue; if (t > to) break;"
                + "   longest = Math.max(longest, t - last); last = t; }"
                + " return Math.max(longest, to - last) / 1000; }", List.of(displayName, fromMs, toMs)))
                .doubleValue();
    }

    /** Per remote camera stream name: the protocol of the selected candidate pair's local end (udp, tcp). */
    Map<String, String> inboundTransports() {
        Map<String, String> transports = new HashMap<>();
        inboundCamera("transport").forEach((name, value) -> transports.put(name, String.valueOf(value)));
        return transports;
    }

    /** Per remote camera stream name: one number of its received video's statistics (see diagnostics.ts). */
    Map<String, Number> inboundVideoStat(String field) {
        Map<String, Number> values = new HashMap<>();
        inboundCamera(field).forEach((name, value) -> values.put(name, (Number) value));
        return values;
    }

    /** Per remote camera stream name: the RTCP sender reports received, {@code audio} and {@code video}. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Number>> senderReports() {
        Map<String, Map<String, Number>> reports = new HashMap<>();
        inboundCamera("senderReports").forEach((name, value) -> reports.put(name, (Map<String, Number>) value));
        return reports;
    }

    /** Per remote camera stream name: one field of what diagnostics.ts says of its received video. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> inboundCamera(String field) {
        List<Map<String, Object>> inbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.inboundVideo() : []");
        Map<String, Object> values = new HashMap<>();
        for (Map<String, Object> stream : inbound) {
            if ("camera".equals(stream.get("videoType"))) {
                values.put(String.valueOf(stream.get("name")), stream.get(field));
            }
        }
        return values;
    }

    /** Per remote camera stream name: milliseconds from subscribing to the first frame shown (-1: none yet). */
    @SuppressWarnings("unchecked")
    Map<String, Number> firstFrameDelays() {
        List<Map<String, Object>> inbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.inboundVideo() : []");
        Map<String, Number> delays = new HashMap<>();
        for (Map<String, Object> stream : inbound) {
            if ("camera".equals(stream.get("videoType"))) {
                delays.put(String.valueOf(stream.get("name")), (Number) stream.get("firstFrameDelayMs"));
            }
        }
        return delays;
    }

    /** The id of this participant's published stream of {@code videoType} (camera or screen). */
    @SuppressWarnings("unchecked")
    String outboundStreamId(String videoType) {
        List<Map<String, Object>> outbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.outboundVideo() : []");
        return outbound.stream().filter(s -> videoType.equals(s.get("videoType")))
                .map(s -> String.valueOf(s.get("streamId"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " publishes no " + videoType + ": " + outbound));
    }

    @SuppressWarnings("unchecked")
    long bytesSent() {
        List<Map<String, Object>> outbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.outboundVideo() : []");
        return outbound.stream().filter(s -> "camera".equals(s.get("videoType")))
                .mapToLong(s -> ((Number) s.get("bytesSent")).longValue()).sum();
    }

    @SuppressWarnings("unchecked")
    long targetBitrate() {
        List<Map<String, Object>> outbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.outboundVideo() : []");
        return outbound.stream().filter(s -> "camera".equals(s.get("videoType")))
                .mapToLong(s -> ((Number) s.get("targetBitrate")).longValue()).sum();
    }

    /** The camera link's uplink estimate (candidate-pair availableOutgoingBitrate), bits per second. */
    @SuppressWarnings("unchecked")
    long availableOutgoingBitrate() {
        List<Map<String, Object>> outbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.outboundVideo() : []");
        return outbound.stream().filter(s -> "camera".equals(s.get("videoType")))
                .mapToLong(s -> ((Number) s.get("availableOutgoingBitrate")).longValue()).sum();
    }

    @SuppressWarnings("unchecked")
    long framesEncoded() {
        List<Map<String, Object>> outbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.outboundVideo() : []");
        return outbound.stream().mapToLong(s -> ((Number) s.get("framesEncoded")).longValue()).sum();
    }

    /** Frames of the camera encoded per simulcast layer (rid; "" for a camera sent without layers). */
    @SuppressWarnings("unchecked")
    Map<String, Long> cameraFramesEncodedByLayer() {
        List<Map<String, Object>> outbound = (List<Map<String, Object>>) page.evaluate(
                "async () => window.parleyDiagnostics ? await window.parleyDiagnostics.outboundVideo() : []");
        Map<String, Long> frames = new HashMap<>();
        outbound.stream().filter(s -> "camera".equals(s.get("videoType"))).forEach(s ->
                ((Map<String, Number>) s.get("framesEncodedByLayer")).forEach((rid, n) ->
                        frames.merge(rid, n.longValue(), Long::sum)));
        return frames;
    }

    /** Waits until this participant's camera is being encoded and sent: frames encoded, and rising. */
    void awaitPublishing(Duration within) {
        await(within, name + " publishing", () -> {
            long before = framesEncoded();
            page.waitForTimeout(300);
            return before > 0 && framesEncoded() > before;
        });
    }

    /**
     * Waits until video from each of {@code publishers} is being decoded: frames decoded above zero and still rising
     * a moment later, which a frozen or black-holed stream cannot fake.
     */
    void awaitDecodingFrom(Duration within, String videoType, String... publishers) {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Number> first = null;
        while (System.nanoTime() < deadline) {
            Map<String, Number> now = framesDecoded(videoType);
            if (first != null && allRising(first, now, publishers)) {
                return;
            }
            if (List.of(publishers).stream().allMatch(p -> now.getOrDefault(p, 0).longValue() > 0)) {
                first = first == null ? now : first;
            }
            page.waitForTimeout(250);
        }
        throw new AssertionError(name + " did not decode " + videoType + " video from " + List.of(publishers)
                + " within " + within + "; frames decoded: " + framesDecoded(videoType) + "; the page shows "
                + page.evaluate("() => JSON.stringify({ tiles: [...document.querySelectorAll('[role=group]')]"
                + ".map(t => t.getAttribute('aria-label')), alert: document.querySelector('[role=alert]')?.textContent,"
                + " status: document.querySelector('[role=status]')?.textContent })"));
    }

    private static boolean allRising(Map<String, Number> before, Map<String, Number> after, String... publishers) {
        for (String publisher : publishers) {
            if (after.getOrDefault(publisher, 0).longValue() <= before.getOrDefault(publisher, 0).longValue()) {
                return false;
            }
        }
        return true;
    }

    /** Sleeps inside a measurement lambda, where an InterruptedException cannot be thrown on. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(what + " did not happen within " + within);
    }

    void assertNoTile(String displayName) {
        assertThat(tile(displayName).count()).as(name + " still shows " + displayName).isZero();
    }

    @Override
    public void close() {
        context.close();
    }
}
