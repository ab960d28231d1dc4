package io.parley.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SDP a synthetic peer sends: a publisher's offer shaped like Chrome's (BUNDLE, rtcp-mux, DTLS actpass, Opus and
 * VP8 only, no header extensions), and a subscriber's answer to the router's offer (recvonly, DTLS active, the
 * router's codecs and feedback echoed).
 */
final class LoadSdp {

    private LoadSdp() {
    }

    /** An offer of audio and, unless {@code videoSsrc} is negative, VP8 video. */
    static String publisherOffer(String ufrag, String password, long audioSsrc, long videoSsrc, String streamId) {
        String fingerprint = MediaPeer.CERTIFICATE.sdpFingerprint();
        String common = String.join("\r\n",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:" + ufrag,
                "a=ice-pwd:" + password,
                "a=fingerprint:" + fingerprint,
                "a=setup:actpass",
                "a=rtcp-mux",
                "a=sendonly");
        String audio = String.join("\r\n",
                "v=0",
                "o=- " + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                videoSsrc < 0 ? "a=group:BUNDLE 0" : "a=group:BUNDLE 0 1",
                "a=msid-semantic: WMS " + streamId,
                "m=audio 9 UDP/TLS/RTP/SAVPF " + SyntheticPublisher.AUDIO_PAYLOAD_TYPE,
                common,
                "a=mid:0",
                "a=msid:" + streamId + " audio",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=ssrc:" + audioSsrc + " cname:parley-load",
                "");
        if (videoSsrc < 0) {
            return audio;
        }
        return audio + String.join("\r\n",
                "m=video 9 UDP/TLS/RTP/SAVPF " + SyntheticPublisher.VIDEO_PAYLOAD_TYPE,
                common,
                "a=mid:1",
                "a=msid:" + streamId + " video",
                "a=rtpmap:96 VP8/90000",
                "a=rtcp-fb:96 goog-remb",
                "a=rtcp-fb:96 ccm fir",
                "a=rtcp-fb:96 nack",
                "a=rtcp-fb:96 nack pli",
                "a=ssrc:" + videoSsrc + " cname:parley-load",
                "");
    }

    static String subscriberAnswer(String routerOffer, String ufrag, String password) {
        List<String> lines = new ArrayList<>(List.of(
                "v=0",
                "o=- " + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0"));
        List<String> mids = new ArrayList<>();
        List<String> media = new ArrayList<>();
        for (String line : routerOffer.split("\r\n")) {
            if (line.startsWith("m=")) {
                String[] parts = line.split(" ", 4);
                media.add(parts[0] + " 9 " + parts[2] + " " + parts[3]);
                media.add("c=IN IP4 0.0.0.0");
                media.add("a=ice-ufrag:" + ufrag);
                media.add("a=ice-pwd:" + password);
                media.add("a=fingerprint:" + MediaPeer.CERTIFICATE.sdpFingerprint());
                media.add("a=setup:active");
                media.add("a=rtcp-mux");
                media.add("a=recvonly");
            } else if (line.startsWith("a=mid:")) {
                mids.add(line.substring("a=mid:".length()));
                media.add(line);
            } else if (line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:") || line.startsWith("a=rtcp-fb:")) {
                media.add(line);
            }
        }
        lines.add("a=group:BUNDLE " + String.join(" ", mids));
        lines.addAll(media);
        lines.add("");
        return String.join("\r\n", lines);
    }
}
