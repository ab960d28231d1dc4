package io.parley.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, set up the way every browser test here needs it: the machine's own
 * binary (no browser download), a fake camera and microphone, and WebRTC kept on 127.0.0.1.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of(System.getProperty("parley.chromium", "/usr/bin/chromium"));

    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--allow-loopback-in-peer-connection",
            "--disable-features=WebRtcHideLocalIpsWithMdns",
            "--autoplay-policy=no-user-gesture-required");

    private final Playwright playwright;
    private final Browser browser;
    private final String marker;
    private boolean closed;

    private Chromium(Playwright playwright, Browser browser, String marker) {
        this.playwright = playwright;
        this.browser = browser;
        this.marker = marker;
    }

    static Chromium launch() {
        return launch(List.of());
    }

    /** With extra switches, e.g. a video file for the fake camera. */
    static Chromium launch(List<String> extraArgs) {
        return launch(EXECUTABLE, extraArgs);
    }

    /**
     * Through {@code executable}, which runs Chromium with the arguments it is given: a wrapper that starts it in a
     * network namespace (see {@link io.parley.testing.NetworkNamespace#launcher}).
     */
    static Chromium launch(Path executable, List<String> extraArgs) {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("Browser tests need Chromium at " + EXECUTABLE
                    + " (apt-get install chromium; .ci/run does it)");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        // an unknown switch Chromium ignores, by which kill() finds this browser's processes
        String marker = "--parley-test-browser=" + java.util.UUID.randomUUID();
        List<String> args = new java.util.ArrayList<>(ARGS);
        args.addAll(extraArgs);
        args.add(marker);
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(args));
        return new Chromium(playwright, browser, marker);
    }

    Browser browser() {
        return browser;
    }

    /**
     * Kills the browser's processes with SIGKILL, as a crash or a killed task would: no WebSocket close, no DTLS
     * close_notify, nothing said goodbye.
     */
    void kill() {
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
        closed = true;
        playwright.close();
    }

    /** Closes the browser process; a test may do it early to play a participant whose browser went away. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            browser.close();
            playwright.close();
        }
    }
}
