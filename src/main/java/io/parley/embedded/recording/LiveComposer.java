package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;
import io.parley.video.HlsOutput;
import io.parley.video.RtmpOutput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The FFmpeg command of one period of a live broadcast: the session's streams as they are now, laid out as the
 * broadcast's layout says now, encoded once (H.264 constrained baseline and AAC, what every HLS player and RTMP ingest
 * takes) and sent to HLS segments and to every RTMP destination through the {@code tee} muxer.
 *
 * <p>The picture is a black canvas read at real time ({@code -re}), which paces the output at the wall clock whatever
 * the inputs do; streams are placed on it with the archive composer's layouts ({@link CompositionLayout}), so a
 * broadcast and an archive of the same session look the same. A silent bed keeps the audio going with no one
 * speaking. FFmpeg runs in the broadcast's HLS folder and names its files relatively, so no path needs the
 * {@code tee} muxer's escaping.
 *
 * <p>HLS: segments of {@link #SEGMENT_SECONDS} s ({@link #LOW_LATENCY_SEGMENT_SECONDS} with {@code lowLatency}) in a
 * sliding playlist of {@link #LIVE_PLAYLIST_SEGMENTS}, older segments deleted; with {@code dvr} every segment stays
 * listed, so viewers can go back to the start. Each period appends to the same playlist after a discontinuity
 * ({@code append_list}), so players carry on across a change of layout or of streams. An RTMP destination that fails
 * is dropped by that period ({@code onfail=ignore}) rather than ending the HLS output.
 */
final class LiveComposer {

    static final int FRAME_RATE = ArchiveComposer.FRAME_RATE;
    static final int SEGMENT_SECONDS = 2;
    static final int LOW_LATENCY_SEGMENT_SECONDS = 1;
    static final int LIVE_PLAYLIST_SEGMENTS = 6;
    static final String PLAYLIST = "index.m3u8";
    static final String SEGMENTS = "seg-%05d.ts";

    /** One input: a stream fed live ({@link LiveStreamFeed}), with what the layout needs to place it. */
    record Source(String url, String streamId, boolean audio, boolean video, boolean screen,
                  List<String> layoutClasses) {
    }

    private final FfmpegBinary ffmpeg;

    LiveComposer(FfmpegBinary ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    List<String> command(List<Source> sources, int width, int height, ArchiveLayout layout, HlsOutput hls,
                         List<RtmpOutput> rtmp, Integer maxBitrate) {
        if (hls == null && rtmp.isEmpty()) {
            throw new IllegalArgumentException("a broadcast needs an output");
        }
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-hide_banner",
                "-nostats", "-loglevel", "warning", "-y",
                "-re", "-f", "lavfi", "-i", "color=c=black:s=" + width + "x" + height + ":r=" + FRAME_RATE,
                "-re", "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"));
        for (Source source : sources) {
            // small probes: the header says what the input holds, and its first frames are there at once
            cmd.addAll(List.of("-thread_queue_size", "1024", "-probesize", "65536", "-analyzeduration", "500000",
                    "-f", "webm", "-i", source.url()));
        }
        cmd.add("-filter_complex");
        cmd.add(videoGraph(sources, width, height, layout) + ";" + audioGraph(sources));
        boolean lowLatency = hls != null && hls.lowLatency();
        int segment = lowLatency ? LOW_LATENCY_SEGMENT_SECONDS : SEGMENT_SECONDS;
        int bitrate = ArchiveComposer.videoBitrate(width, height);
        if (maxBitrate != null) {
            bitrate = Math.min(bitrate, maxBitrate);
        }
        // a key frame at every segment boundary; the global header is what FLV needs, and MPEG-TS takes it too
        cmd.addAll(List.of("-map", "[vout]", "-c:v", "libopenh264", "-profile:v", "constrained_baseline",
                "-b:v", Integer.toString(bitrate), "-g", Integer.toString(segment * FRAME_RATE),
                "-pix_fmt", "yuv420p"));
        if (maxBitrate != null) {
            cmd.addAll(List.of("-maxrate", Integer.toString(maxBitrate)));
        }
        cmd.addAll(List.of("-map", "[aout]", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                "-flags", "+global_header", "-f", "tee", outputs(hls, segment, rtmp)));
        return cmd;
    }

    private static String outputs(HlsOutput hls, int segment, List<RtmpOutput> rtmp) {
        List<String> slaves = new ArrayList<>();
        if (hls != null) {
            String flags = "append_list+omit_endlist+discont_start+independent_segments"
                    + (hls.dvr() ? "" : "+delete_segments");
            slaves.add("[f=hls:hls_time=" + segment + ":hls_list_size=" + (hls.dvr() ? 0 : LIVE_PLAYLIST_SEGMENTS)
                    + ":hls_flags=" + flags + ":hls_segment_filename=" + SEGMENTS + "]" + PLAYLIST);
        }
        for (RtmpOutput destination : rtmp) {
            slaves.add("[f=flv:onfail=ignore]" + escape(rtmpUrl(destination)));
        }
        return String.join("|", slaves);
    }

    /** Where an RTMP destination is published: its server URL, then its stream name (the service's key). */
    static String rtmpUrl(RtmpOutput destination) {
        String server = destination.serverUrl();
        return (server.endsWith("/") ? server : server + "/") + destination.streamName();
    }

    /** The {@code tee} muxer splits its outputs at {@code |} and unescapes once: protect what a URL may hold. */
    static String escape(String url) {
        StringBuilder escaped = new StringBuilder(url.length());
        for (char c : url.toCharArray()) {
            if (c == '\\' || c == '\'' || c == '|' || c == '[') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static String videoGraph(List<Source> sources, int width, int height, ArchiveLayout layout) {
        List<RecordedTrack> videos = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            if (source.video()) {
                // the layout reads only a track's kind and classes; a live input has no file or offsets
                videos.add(new RecordedTrack(Path.of(source.streamId()), 0, 0, true, source.audio(),
                        source.streamId(), source.screen(), source.layoutClasses()));
                inputs.add(i + 2);
            }
        }
        StringBuilder g = new StringBuilder("[0:v]format=yuv420p");
        List<CompositionLayout.Cell> cells = CompositionLayout.place(videos, layout, width, height);
        if (cells.isEmpty()) {
            return g.append("[vout]").toString();
        }
        g.append("[base0]");
        for (int n = 0; n < cells.size(); n++) {
            CompositionLayout.Cell cell = cells.get(n);
            g.append(";[").append(inputs.get(cell.video())).append(":v:0]scale=").append(cell.width()).append(':')
                    .append(cell.height());
            if (cell.cover()) {
                g.append(":force_original_aspect_ratio=increase,crop=").append(cell.width()).append(':')
                        .append(cell.height());
            } else {
                g.append(":force_original_aspect_ratio=decrease:force_divisible_by=2,pad=").append(cell.width())
                        .append(':').append(cell.height()).append(":(ow-iw)/2:(oh-ih)/2:black");
            }
            g.append(",setsar=1[v").append(n).append("];[base").append(n).append("][v").append(n)
                    .append("]overlay=x=").append(cell.x()).append(":y=").append(cell.y())
                    .append(":eof_action=pass:repeatlast=1")
                    .append(n == cells.size() - 1 ? "[vout]" : "[base" + (n + 1) + "]");
        }
        return g.toString();
    }

    private static String audioGraph(List<Source> sources) {
        StringBuilder g = new StringBuilder("[1:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[bed]");
        List<Integer> audios = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).audio()) {
                audios.add(i + 2);
            }
        }
        if (audios.isEmpty()) {
            return g.append(";[bed]anull[aout]").toString();
        }
        for (int a = 0; a < audios.size(); a++) {
            // async resampling turns the gaps and overlaps of live timestamps into silence or a short trim
            g.append(";[").append(audios.get(a)).append(":a:0]aresample=48000:async=1:first_pts=0")
                    .append(",aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[a").append(a)
                    .append(']');
        }
        g.append(";[bed]");
        for (int a = 0; a < audios.size(); a++) {
            g.append("[a").append(a).append(']');
        }
        return g.append(String.format(Locale.ROOT, "amix=inputs=%d:duration=first:normalize=0:dropout_transition=0",
                audios.size() + 1)).append("[aout]").toString();
    }
}
