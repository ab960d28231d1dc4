package io.parley.browser;

import com.microsoft.playwright.Page;

import java.nio.file.Path;

/** Screenshots for a person to look at (target/screenshots, never committed). */
final class Screens {

    static final Path DIR = Path.of("target", "screenshots");

    static final int[][] SIZES = {{360, 740}, {1280, 800}, {1920, 1080}};

    private Screens() {
    }

    static void shoot(Page page, String name) {
        var size = page.viewportSize();
        Path file = DIR.resolve(name + "-" + size.width + "x" + size.height + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        System.out.println("Screenshot " + file);
    }
}
