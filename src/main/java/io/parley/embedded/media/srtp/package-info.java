/**
 * SRTP and SRTCP (RFC 3711) for the embedded media router: AES_CM_128_HMAC_SHA1_80 and _32 (RFC 5764
 * §4.1.2), session keys derived from the master key and salt DTLS-SRTP exports, rollover counters
 * guessed per RFC 3711 Appendix A, 64-packet replay windows for RTP and SRTCP.
 *
 * <h2>Use</h2>
 * {@code SrtpKeys.serverWrite(profile, exported)} and {@code clientWrite(...)} split the 60 bytes of
 * DTLS keying material; one {@link io.parley.embedded.media.srtp.SrtpContext} per direction
 * protects or unprotects. Results are lengths or negative {@link io.parley.embedded.media.srtp.SrtpDrop}
 * codes, counted per context: the media path never sees an exception or a log line per packet.
 * A context is confined to one thread.
 *
 * <h2>Why written here on javax.crypto</h2>
 * The only maintained Java SRTP library on Maven Central is jitsi-srtp (org.jitsi:jitsi-srtp
 * 1.1-23-gaf3cd06 resolves); it brings jitsi-utils with the Kotlin runtime and BouncyCastle, and
 * an API built around its own packet buffers and exceptions. SRTP itself is small: the crypto is
 * the JDK's AES and HmacSHA1, which HotSpot runs on AES-NI and SHA intrinsics, and what remains is
 * index, ROC and replay bookkeeping that the router needs shaped its own way (drop codes, bounded
 * SSRC table, no allocation of state for unauthenticated packets). It is checked against RFC 3711
 * B.2 and B.3 and libsrtp's reference RTP and SRTCP packets. jitsi-srtp was not benchmarked
 * against it.
 *
 * <h2>Why AES/CTR and not AES/ECB for the keystream: measured</h2>
 * {@code SrtpBenchmark} (1200-byte RTP packets, one thread, JDK 17, a 2-core machine shared with
 * browser tests, so best iterations are quoted): AES/CTR/NoPadding re-initialised per packet did
 * about 550-800 thousand protects and 580-980 thousand unprotects per second; ECB-encrypting the
 * counter blocks into a reused buffer and XORing in Java did about 240-330 thousand of either. CTR
 * allocates about 150 bytes per packet (the IvParameterSpec and the cipher's copies of the IV), ECB
 * about 40 (the Mac's digest): the JDK's CTR intrinsic is worth those bytes, so
 * {@code SrtpContext} uses CTR.
 */
package io.parley.embedded.media.srtp;
