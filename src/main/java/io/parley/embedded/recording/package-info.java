/**
 * Server-side recording of routed sessions: the recorder writes one WebM (VP8/Opus) per stream while packets arrive,
 * and after stop those files become the archive's output.
 *
 * <p><b>Composition</b> ({@link io.parley.embedded.recording.ArchiveComposer}, queued by
 * {@link io.parley.embedded.recording.CompositionQueue}) runs the {@code ffmpeg} program as a subprocess and writes one
 * MP4: H.264 video (constrained baseline, yuv420p) and AAC audio, with {@code +faststart} so that playback starts before
 * the whole file has arrived. That pair is the one every browser plays (Safari included, on every version still in use),
 * and it is what Vonage's composed archives are, so a client switching platforms sees the same kind of file. WebM
 * VP8/Opus would avoid an H.264 encoder, but older Safari does not play it.
 *
 * <p><b>Which FFmpeg</b>: the program shipped inside {@code org.bytedeco:ffmpeg} (classifier {@code linux-x86_64}, the
 * LGPL build), extracted and started by {@link io.parley.embedded.recording.FfmpegBinary} with the bundle's own
 * library directory first, so neither FFmpeg nor its VA-API libraries need installing on a developer's machine, in CI
 * or in the container. What the build links from the system besides the C and C++ runtimes is the client libraries of
 * its capture devices (X11, ALSA, PulseAudio), which Parley never uses but the loader needs: they are listed in
 * {@code docker/runtime-packages}, and {@code FfmpegBundleTest} fails on any other. The LGPL build was chosen over {@code linux-x86_64-gpl} because its
 * H.264 encoder, OpenH264 (BSD), is enough for grid layouts of webcam video and keeps the whole distribution free of
 * GPL obligations; the GPL build's libx264 compresses better per bit, and switching is a classifier change, but it would
 * make every image that ships Parley a GPL distribution of FFmpeg (fine for a server-side tool, provided its source
 * offer is honoured). H.264 itself is patent-encumbered whichever encoder is used; that concerns whoever distributes.
 *
 * <p><b>Threads</b>: composition takes seconds to minutes of CPU. It never runs on a Vert.x event loop nor on a request
 * thread: callers submit to the {@code CompositionQueue}, whose few threads are the only ones that block on
 * {@code ffmpeg}. The archive stays {@code STOPPED} while its composition runs, and becomes {@code AVAILABLE}, or
 * {@code FAILED} with the reason from FFmpeg's log, when the future completes.
 *
 * <p><b>Individual output</b> ({@link io.parley.embedded.recording.IndividualArchivePackager}) needs no transcoding: it
 * zips the per-stream WebM files with a {@code manifest.json} shaped like Vonage's individual archive manifest.
 */
package io.parley.embedded.recording;
