package dev.nudge.core.processor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** LEB128 varints (zigzag for signed values), length-prefixed bytes and UTF-8 strings, for {@link ProfileStateCodec}. */
final class Wire {
    private Wire() {}

    static final class Out {
        private byte[] buf = new byte[256];
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

        void bytes(byte[] b) {
            varint(b.length);
            if (n + b.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + b.length));
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        void string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** Exact to the nanosecond: seconds (zigzag) then nanos. */
        void instant(Instant t) {
            zigzag(t.getEpochSecond());
            varint(t.getNano());
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
            if (pos >= buf.length) throw corrupt("truncated at byte " + pos);
            return buf[pos++] & 0xFF;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return v;
            }
            throw corrupt("varint too long at byte " + pos);
        }

        int varint() {
            long v = varlong();
            if (v < 0 || v > Integer.MAX_VALUE) throw corrupt("bad length " + v + " at byte " + pos);
            return (int) v;
        }

        long zigzag() {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        byte[] bytes() {
            int len = varint();
            if (len > buf.length - pos) throw corrupt("length " + len + " past the end at byte " + pos);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + len);
            pos += len;
            return b;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Instant instant() {
            long s = zigzag();
            int nanos = varint();
            if (nanos > 999_999_999) throw corrupt("nanoseconds " + nanos + " out of range");
            return Instant.ofEpochSecond(s, nanos);
        }

        boolean done() {
            return pos == buf.length;
        }

        static IllegalArgumentException corrupt(String what) {
            return new IllegalArgumentException("corrupt profile state: " + what + "; rebuild the profile's state from its history");
        }
    }
}
