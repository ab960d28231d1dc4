package io.parley.browser;

import java.nio.ByteBuffer;
import java.util.Random;

/** Datagrams a media port must shrug off: random bytes, and packets that look like each protocol but are not. */
final class Garbage {

    private Garbage() {
    }

    static byte[] datagram(int index, Random random) {
        return switch (index % 6) {
            case 0 -> randomBytes(random, 1 + random.nextInt(1400));
            case 1 -> truncatedStun(random);
            case 2 -> stunWithBadIntegrity(random);
            case 3 -> dtlsJunk(random);
            case 4 -> rtp(random);
            default -> rtcp(random);
        };
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] truncatedStun(Random random) {
        byte[] bytes = stunWithBadIntegrity(random);
        return java.util.Arrays.copyOf(bytes, 4 + random.nextInt(bytes.length - 4));
    }

    /** A binding request naming a made-up ufrag, with a MESSAGE-INTEGRITY that cannot be right. */
    private static byte[] stunWithBadIntegrity(Random random) {
        byte[] username = ("ufrag" + random.nextInt(1000) + ":peer").getBytes();
        int usernamePadded = (username.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(20 + 4 + usernamePadded + 4 + 20);
        b.putShort((short) 0x0001).putShort((short) (4 + usernamePadded + 24)).putInt(0x2112A442);
        b.put(randomBytes(random, 12));
        b.putShort((short) 0x0006).putShort((short) username.length).put(username);
        b.position(b.position() + usernamePadded - username.length);
        b.putShort((short) 0x0008).putShort((short) 20).put(randomBytes(random, 20));
        return b.array();
    }

    private static byte[] dtlsJunk(Random random) {
        byte[] bytes = randomBytes(random, 13 + random.nextInt(200));
        bytes[0] = (byte) (20 + random.nextInt(44));
        return bytes;
    }

    /** An RTP packet with a made-up SSRC and a tag that cannot authenticate. */
    private static byte[] rtp(Random random) {
        byte[] bytes = randomBytes(random, 12 + random.nextInt(1200));
        bytes[0] = (byte) 0x80;
        bytes[1] = (byte) (96 + random.nextInt(16));
        return bytes;
    }

    private static byte[] rtcp(Random random) {
        byte[] bytes = randomBytes(random, 8 + random.nextInt(100));
        bytes[0] = (byte) 0x81;
        bytes[1] = (byte) (200 + random.nextInt(7));
        return bytes;
    }
}
