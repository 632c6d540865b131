package dev.nudge.core.segment;

import java.util.Arrays;

/** Little-endian varint byte writer/reader for the state codec (LEB128, zigzag for signed values). */
final class Bytes {
    private Bytes() {}

    static final class Out {
        private byte[] buf = new byte[512]; // most states fit: no regrowth on the per-event path
        private int n;

        void u8(int v) {
            if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
            buf[n++] = (byte) v;
        }

        void varlong(long v) {
            while ((v & ~0x7FL) != 0) { u8((int) ((v & 0x7F) | 0x80)); v >>>= 7; }
            u8((int) v);
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        void zigzag(long v) {
            varlong((v << 1) ^ (v >> 63));
        }

        void i64(long v) {
            for (int i = 0; i < 8; i++) u8((int) (v >>> (8 * i)));
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, n);
        }
    }

    static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        int u8() {
            if (pos >= buf.length) throw new IllegalArgumentException("corrupt segment state: truncated at byte " + pos + "; rebuild the profile's state from history");
            return buf[pos++] & 0xFF;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return v;
            }
            throw new IllegalArgumentException("corrupt segment state: varint too long at byte " + pos);
        }

        int varint() {
            long v = varlong();
            if (v < 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("corrupt segment state: bad length " + v);
            return (int) v;
        }

        long zigzag() {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        long i64() {
            long v = 0;
            for (int i = 0; i < 8; i++) v |= (long) u8() << (8 * i);
            return v;
        }

        boolean done() {
            return pos == buf.length;
        }
    }
}
