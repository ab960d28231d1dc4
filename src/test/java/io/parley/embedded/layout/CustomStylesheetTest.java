package io.parley.embedded.layout;

import io.parley.video.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomStylesheetTest {

    private static final List<String> PLAIN = List.of();
    private static final List<String> FOCUS = List.of("focus");

    @Test
    void theMoreSpecificRuleWinsThenTheLaterOneAndUnstyledStreamsFillThePicture() {
        CustomStylesheet css = CustomStylesheet.parse("""
                /* the speaker large, everyone else small on the right */
                stream { left: 75%; top: 0; width: 25%; height: 25%; }
                stream.focus { left: 0; width: 75%; height: 100%; }
                stream { top: 10px; }
                """);
        List<CustomStylesheet.Placement> placed = css.place(List.of(PLAIN, FOCUS), 640, 480);

        assertThat(placed).containsExactly(
                new CustomStylesheet.Placement(0, 480, 10, 160, 120, false),
                new CustomStylesheet.Placement(1, 0, 10, 480, 480 - 10, false));
        assertThat(CustomStylesheet.parse(".other { left: 50%; }").place(List.of(PLAIN), 640, 480))
                .containsExactly(new CustomStylesheet.Placement(0, 0, 0, 640, 480, false));
    }

    @Test
    void zIndexOrdersTheDrawingDisplayNoneHidesAndCoverCrops() {
        CustomStylesheet css = CustomStylesheet.parse("stream.focus { z-index: 2; object-fit: cover; } "
                + "stream { width: 50%; height: 50%; } .hidden { display: none }");
        List<CustomStylesheet.Placement> placed = css.place(List.of(FOCUS, PLAIN, List.of("hidden")), 320, 240);
        assertThat(placed).extracting(CustomStylesheet.Placement::video).containsExactly(1, 0);
        assertThat(placed.get(1).cover()).isTrue();
    }

    @Test
    void rectanglesAreClippedToThePictureAndKeptEven() {
        CustomStylesheet css = CustomStylesheet.parse("stream { left: -15px; top: 201px; width: 51%; height: 100px; }");
        assertThat(css.place(List.of(PLAIN), 320, 240))
                .containsExactly(new CustomStylesheet.Placement(0, 0, 200, 148, 40, false));
        assertThat(CustomStylesheet.parse("stream { left: 100%; }").place(List.of(PLAIN), 320, 240)).isEmpty();
    }

    @Test
    void whatTheComposerCannotFollowIsRefusedNamingIt() {
        refused("stream { float: left; width: 33%; }", "float");
        refused("stream:nth-child(1) { width: 50%; }", "nth-child");
        refused("#main { width: 50%; }", "#main");
        refused("div.focus { width: 50%; }", "div.focus");
        refused("@media (min-width: 100px) { stream { width: 50%; } }", "nested");
        refused("stream { width: 50; }", "width");
        refused("stream { width: wide; }", "wide");
        refused("stream { width: 50%", "not closed");
        refused("stream { width 50% }", "property: value");
        refused("", "no rules");
        refused("stream { width: 50%; } trailing", "trailing");
    }

    private static void refused(String css, String reason) {
        assertThatThrownBy(() -> CustomStylesheet.parse(css)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(reason);
    }
}
