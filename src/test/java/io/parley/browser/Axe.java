package io.parley.browser;

import com.microsoft.playwright.Page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (the web app's devDependency, so the version is the one npm locked) injected into a page and run there:
 * what @axe-core/playwright does for JavaScript tests, done from Java.
 */
final class Axe {

    static final Path SCRIPT = Path.of("web", "node_modules", "axe-core", "axe.min.js");

    private Axe() {
    }

    /** Fails on any serious or critical violation in the page as it is now; `where` names the view in the message. */
    @SuppressWarnings("unchecked")
    static void assertNoSeriousViolations(Page page, String where) {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IllegalStateException("axe-core is missing at " + SCRIPT.toAbsolutePath()
                    + " (the Quinoa build runs npm ci in web/)");
        }
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setPath(SCRIPT));
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary) }))
                """);
        String report = violations.stream()
                .map(v -> v.get("impact") + " " + v.get("id") + " (" + v.get("help") + "): " + v.get("nodes"))
                .collect(Collectors.joining("\n"));
        System.out.printf("axe in %s: %d serious or critical violations%n", where, violations.size());
        assertThat(violations).as("serious or critical accessibility violations in " + where + ":\n" + report).isEmpty();
    }
}
