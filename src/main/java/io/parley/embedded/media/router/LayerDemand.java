package io.parley.embedded.media.router;

/**
 * Which simulcast layers of a stream anyone receives (LiveKit calls it dynacast): each subscription needs the layer
 * its tile asks for (the smallest at least as tall, see {@link #fit}), a paused one nothing, the recorder the top.
 * The lowest layer is always kept: it is what a new subscriber starts on, and it costs a few tens of kbit/s. Layers
 * above the highest needed can stop; the publisher's browser is told and stops encoding them. Media thread only.
 */
final class LayerDemand {

    private LayerDemand() {
    }

    /** How many layers, from the lowest, anyone needs: 1 to all of them. */
    static int layersNeeded(Producer stream) {
        VideoLayer[] layers = stream.layers();
        if (stream.tap != null) {
            return layers.length;
        }
        int needed = 1;
        for (Consumer subscription : stream.subscriptions()) {
            if (!subscription.paused()) {
                needed = Math.max(needed, wanted(layers, subscription.maxHeight()) + 1);
            }
        }
        return needed;
    }

    /**
     * The layer a tile {@code height} pixels tall asks for: the smallest whose picture is at least that tall, or the
     * top when none is or some layer's height is not known yet (no key frame of it seen).
     */
    static int wanted(VideoLayer[] layers, int height) {
        for (VideoLayer layer : layers) {
            if (layer.height == 0) {
                return layers.length - 1;
            }
            if (layer.height >= height) {
                return layer.index;
            }
        }
        return layers.length - 1;
    }

    /**
     * The layer for a tile {@code height} tall among those that send now: {@link #wanted} if it sends, else the
     * nearest below it that does, else the lowest that sends; NONE when none does.
     */
    static int fit(VideoLayer[] layers, int height) {
        int wanted = wanted(layers, height);
        for (int i = wanted; i >= 0; i--) {
            if (layers[i].active()) {
                return i;
            }
        }
        for (int i = wanted + 1; i < layers.length; i++) {
            if (layers[i].active()) {
                return i;
            }
        }
        return LayerSelection.NONE;
    }
}
