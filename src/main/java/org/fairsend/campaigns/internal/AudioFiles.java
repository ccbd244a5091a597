package org.fairsend.campaigns.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads what a voice recording is and how long it lasts: WAV through {@code javax.sound.sampled} (its frame
 * count over its frame rate), MP3 by walking its frame headers (MPEG 1, 2 and 2.5, layers I to III, constant
 * or variable bitrate; an ID3v2 tag in front and an ID3v1 tag at the end are skipped) and adding up each
 * frame's samples.
 */
final class AudioFiles {

    /** The formats a recording may have, with the content type the provider fetches it as. */
    enum Format {
        WAV("audio/wav"), MP3("audio/mpeg");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        String contentType() {
            return contentType;
        }

        /** The format a stored code names (a recording was read as one of them at upload). */
        static Format of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A recording's format ({@code wav}, {@code mp3}), duration, sample rate and channel count. */
    record Audio(String format, long durationMillis, int sampleRate, int channels) {}

    /** Not a recording this platform accepts, with why. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private AudioFiles() {}

    static Audio read(byte[] b) throws Unreadable {
        if (b == null || b.length < 12) throw new Unreadable("the file is empty or too short to be a recording");
        if (b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'A' && b[10] == 'V' && b[11] == 'E') return wav(b);
        return mp3(b);
    }

    private static Audio wav(byte[] b) throws Unreadable {
        try {
            AudioFileFormat f = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(b));
            float rate = f.getFormat().getFrameRate();
            long frames = f.getFrameLength();
            if (frames <= 0 || rate <= 0) throw new Unreadable("the WAV file states no length");
            return new Audio(Format.WAV.code(), Math.round(frames * 1000.0 / rate), Math.round(f.getFormat().getSampleRate()), f.getFormat().getChannels());
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new Unreadable("not a readable WAV file: " + e.getMessage());
        }
    }

    // kbit/s by [version: 0 MPEG1, 1 MPEG2/2.5][layer: 0 I, 1 II, 2 III][index]
    private static final int[][][] BITRATES = {
        {
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}},
        {
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}}};
    private static final int[] RATES_MPEG1 = {44100, 48000, 32000};

    /** One frame header: its length in bytes, its samples, sample rate and channels; null if not a header. */
    private record Frame(int length, int samples, int sampleRate, int channels) {}

    private static Frame header(byte[] b, int i) {
        if (i + 4 > b.length) return null;
        int h = ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
        if ((h >>> 21) != 0x7ff) return null;
        int version = (h >>> 19) & 3; // 0: 2.5, 2: 2, 3: 1
        int layerBits = (h >>> 17) & 3; // 1: III, 2: II, 3: I
        int bitrateIndex = (h >>> 12) & 15;
        int rateIndex = (h >>> 10) & 3;
        int padding = (h >>> 9) & 1;
        int mode = (h >>> 6) & 3;
        if (version == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return null;
        int layer = 3 - layerBits; // 0 I, 1 II, 2 III
        boolean mpeg1 = version == 3;
        int rate = RATES_MPEG1[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        int bitrate = BITRATES[mpeg1 ? 0 : 1][layer][bitrateIndex] * 1000;
        int length;
        int samples;
        if (layer == 0) {
            length = (12 * bitrate / rate + padding) * 4;
            samples = 384;
        } else if (layer == 1 || mpeg1) {
            length = 144 * bitrate / rate + padding;
            samples = 1152;
        } else {
            length = 72 * bitrate / rate + padding;
            samples = 576;
        }
        if (length < 4) return null;
        return new Frame(length, samples, rate, mode == 3 ? 1 : 2);
    }

    private static Audio mp3(byte[] b) throws Unreadable {
        int i = 0;
        if (b[0] == 'I' && b[1] == 'D' && b[2] == '3' && b.length >= 10) {
            int size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
            i = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
        }
        int end = b.length;
        if (end - 128 >= i && b[end - 128] == 'T' && b[end - 127] == 'A' && b[end - 126] == 'G') end -= 128;
        // the first frame: a header followed by another header where its length says
        int first = -1;
        for (int k = i; k < Math.min(end, i + 64 * 1024); k++) {
            Frame f = header(b, k);
            if (f != null && (k + f.length() == end || header(b, k + f.length()) != null)) {
                first = k;
                break;
            }
        }
        if (first < 0) throw new Unreadable("neither a WAV nor an MP3 file (no MPEG audio frame found)");
        long samples = 0;
        int rate = 0, channels = 0, frames = 0, junk = 0;
        int k = first;
        while (k < end) {
            Frame f = header(b, k);
            if (f == null || k + f.length() > end) {
                // lost sync (a damaged frame, a trailing tag): look for the next header
                k++;
                if (++junk > 64 * 1024) break;
                continue;
            }
            if (rate == 0) {
                rate = f.sampleRate();
                channels = f.channels();
            }
            // the Xing/Info frame an encoder puts first (VBR table, LAME delay and padding) holds no audio
            if (f.sampleRate() == rate && !(k == first && infoFrame(b, k, f.length()))) {
                samples += f.samples();
                frames++;
            }
            k += f.length();
        }
        if (frames < 2 || rate == 0) throw new Unreadable("the MP3 file holds no audio frames");
        return new Audio(Format.MP3.code(), Math.round(samples * 1000.0 / rate), rate, channels);
    }

    private static boolean infoFrame(byte[] b, int start, int length) {
        for (int j = start + 4; j + 4 <= start + Math.min(length, 48); j++) {
            if ((b[j] == 'X' && b[j + 1] == 'i' && b[j + 2] == 'n' && b[j + 3] == 'g')
                    || (b[j] == 'I' && b[j + 1] == 'n' && b[j + 2] == 'f' && b[j + 3] == 'o')) {
                return true;
            }
        }
        return false;
    }
}
