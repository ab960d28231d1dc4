/**
 * Video tokens, in one place for both platforms: the claim names and limits ({@link io.parley.tokens.VideoTokenClaims}),
 * the embedded platform's signing keys and issuer, and the verifier both platforms use (their tokens carry the same
 * claims; only the key and algorithm differ).
 */
package io.parley.tokens;
