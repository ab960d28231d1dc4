package io.parley.embedded.layout;

import io.parley.video.InvalidRequestException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom layout's stylesheet as the embedded composer follows it: the part of Vonage's custom-layout CSS that
 * places each stream in a rectangle of its own.
 *
 * <ul>
 *   <li>Selectors: {@code stream}, {@code stream.<class>} and {@code .<class>} (several classes, and several
 *       selectors separated by commas, allowed); a rule applies to a stream that has all of its layout classes.</li>
 *   <li>Properties: {@code left}, {@code top}, {@code width}, {@code height} (in {@code %} of the picture or in
 *       {@code px} of the archive's resolution; 0 needs no unit), {@code z-index} (higher is drawn on top),
 *       {@code display: none} (not shown), {@code object-fit: contain | cover} (letterboxed, the default, or cropped
 *       to fill), and {@code position}, which is accepted and ignored: every stream is placed absolutely.</li>
 *   <li>The cascade is CSS's: for each property the rule with the most classes wins, then the later one. A stream
 *       no rule sizes fills the picture.</li>
 * </ul>
 *
 * Anything else ({@code float}, {@code :nth-child}, {@code @media}...) is refused with a 400 naming it, rather than
 * composed as something the author did not ask for.
 */
public final class CustomStylesheet {

    public static final String FIELD = "layout.stylesheet";
    static final int MAX_RULES = 100;
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern SELECTOR = Pattern.compile("(stream)?((?:\\.[A-Za-z0-9_-]+)*)");
    private static final Pattern LENGTH = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(%|px)?");
    private static final String SUPPORTED = "left, top, width, height, z-index, display, object-fit and position";

    private record Rule(List<String> classes, Map<String, String> declarations, int order) {
    }

    /** One stream's rectangle, in drawing order; {@code video} indexes the list given to {@link #place}. */
    public record Placement(int video, int x, int y, int width, int height, boolean cover) {
    }

    private final List<Rule> rules;

    private CustomStylesheet(List<Rule> rules) {
        this.rules = rules;
    }

    /** Fails with {@link InvalidRequestException} on {@value #FIELD}, saying what is not supported. */
    public static CustomStylesheet parse(String css) {
        String text = COMMENT.matcher(css == null ? "" : css).replaceAll(" ");
        List<Rule> rules = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                if (!text.substring(at).isBlank()) {
                    throw invalid("text after the last rule: \"" + excerpt(text.substring(at)) + "\"");
                }
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw invalid("a rule is not closed with }");
            }
            if (text.indexOf('{', open + 1) >= 0 && text.indexOf('{', open + 1) < close) {
                throw invalid("nested blocks (@media and the like) are not supported");
            }
            Map<String, String> declarations = declarations(text.substring(open + 1, close));
            for (String selector : text.substring(at, open).split(",")) {
                rules.add(new Rule(classes(selector.strip()), declarations, rules.size()));
            }
            if (rules.size() > MAX_RULES) {
                throw invalid("at most " + MAX_RULES + " rules");
            }
            at = close + 1;
        }
        if (rules.isEmpty()) {
            throw invalid("has no rules");
        }
        return new CustomStylesheet(List.copyOf(rules));
    }

    private static List<String> classes(String selector) {
        Matcher m = SELECTOR.matcher(selector);
        if (selector.isEmpty() || !m.matches()) {
            throw invalid("unsupported selector \"" + excerpt(selector) + "\": the embedded composer follows stream, "
                    + "stream.<class> and .<class>");
        }
        List<String> classes = new ArrayList<>();
        for (String name : m.group(2).split("\\.")) {
            if (!name.isEmpty()) {
                classes.add(name);
            }
        }
        return List.copyOf(classes);
    }

    private static Map<String, String> declarations(String block) {
        Map<String, String> declarations = new HashMap<>();
        for (String declaration : block.split(";")) {
            if (declaration.isBlank()) {
                continue;
            }
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                throw invalid("\"" + excerpt(declaration.strip()) + "\" is not a property: value");
            }
            String name = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            check(name, value);
            declarations.put(name, value);
        }
        return Map.copyOf(declarations);
    }

    private static void check(String name, String value) {
        boolean valid = switch (name) {
            case "left", "top", "width", "height" -> {
                Matcher m = LENGTH.matcher(value);
                yield m.matches() && (m.group(2) != null || Double.parseDouble(m.group(1)) == 0);
            }
            case "z-index" -> value.matches("-?\\d{1,6}");
            case "display" -> !value.isEmpty() && value.matches("[a-z-]+");
            case "object-fit" -> value.equals("contain") || value.equals("cover");
            case "position" -> value.matches("absolute|relative|static|fixed");
            default -> throw invalid("property \"" + excerpt(name) + "\" is not supported; the embedded composer "
                    + "follows " + SUPPORTED);
        };
        if (!valid) {
            throw invalid("\"" + excerpt(value) + "\" is not a value the embedded composer takes for " + name);
        }
    }

    /**
     * Where each video goes on a {@code width x height} picture, given each video's layout classes; a video that
     * {@code display: none} hides, or whose rectangle falls outside the picture, gets none. Sizes are even.
     */
    public List<Placement> place(List<List<String>> classesPerVideo, int width, int height) {
        record Drawn(Placement placement, int zIndex) {
        }
        List<Drawn> drawn = new ArrayList<>();
        for (int video = 0; video < classesPerVideo.size(); video++) {
            Map<String, String> style = cascade(classesPerVideo.get(video));
            if ("none".equals(style.get("display"))) {
                continue;
            }
            int x = length(style.getOrDefault("left", "0"), width);
            int y = length(style.getOrDefault("top", "0"), height);
            int right = Math.min(width, x + length(style.getOrDefault("width", "100%"), width));
            int bottom = Math.min(height, y + length(style.getOrDefault("height", "100%"), height));
            x = even(Math.max(0, x));
            y = even(Math.max(0, y));
            int w = even(right - x);
            int h = even(bottom - y);
            if (w < 2 || h < 2) {
                continue;
            }
            int z = Integer.parseInt(style.getOrDefault("z-index", "0"));
            drawn.add(new Drawn(new Placement(video, x, y, w, h, "cover".equals(style.get("object-fit"))), z));
        }
        return drawn.stream().sorted(Comparator.comparingInt(Drawn::zIndex)).map(Drawn::placement).toList();
    }

    private Map<String, String> cascade(List<String> classes) {
        Map<String, String> style = new HashMap<>();
        Map<String, Integer> weight = new HashMap<>();
        for (Rule rule : rules) {
            if (!classes.containsAll(rule.classes())) {
                continue;
            }
            // more classes win, then the later rule: the weight orders both at once
            int ruleWeight = rule.classes().size() * (MAX_RULES + 1) + rule.order();
            rule.declarations().forEach((name, value) -> {
                if (weight.getOrDefault(name, -1) <= ruleWeight) {
                    weight.put(name, ruleWeight);
                    style.put(name, value);
                }
            });
        }
        return style;
    }

    private static int length(String value, int of) {
        Matcher m = LENGTH.matcher(value);
        if (!m.matches()) {
            return 0;
        }
        double number = Double.parseDouble(m.group(1));
        return (int) Math.round("%".equals(m.group(2)) ? number * of / 100.0 : number);
    }

    private static int even(int n) {
        return n & ~1;
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    }

    private static InvalidRequestException invalid(String reason) {
        return new InvalidRequestException(FIELD, reason);
    }
}
