package org.fairsend.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The duration of a recording, read from real WAV (javax.sound) and MP3 (LAME 3.100) files. */
class AudioFilesTest {

    /** A WAV file of {@code seconds} of a 440 Hz tone, written by javax.sound.sampled. */
    static byte[] wav(double seconds, float rate, int bits, int channels) throws IOException {
        AudioFormat f = new AudioFormat(rate, bits, channels, true, false);
        int frames = (int) (seconds * rate);
        byte[] pcm = new byte[frames * f.getFrameSize()];
        for (int i = 0; i < frames; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            for (int c = 0; c < channels; c++) {
                int o = i * f.getFrameSize() + c * (bits / 8);
                if (bits == 16) {
                    pcm[o] = (byte) s;
                    pcm[o + 1] = (byte) (s >> 8);
                } else {
                    pcm[o] = (byte) (s >> 8);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), f, frames), AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = AudioFilesTest.class.getResourceAsStream("/voice/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "WAV {0} s at {1} Hz, {2} bits, {3} channel(s)")
    @CsvSource({"12.5, 8000, 16, 1", "3, 44100, 16, 2", "59.9, 8000, 8, 1", "75, 16000, 16, 1"})
    void wavDurations(double seconds, float rate, int bits, int channels) throws Exception {
        var a = AudioFiles.read(wav(seconds, rate, bits, channels));
        assertThat(a.format()).isEqualTo("wav");
        assertThat(a.durationMillis()).isEqualTo(Math.round(seconds * 1000));
        assertThat(a.sampleRate()).isEqualTo((int) rate);
        assertThat(a.channels()).isEqualTo(channels);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cbr-7_5s.mp3, 7500, 16000", "vbr-7_5s.mp3, 7500, 16000", "cbr-75s.mp3, 75000, 8000"})
    void mp3Durations(String file, long millis, int rate) throws Exception {
        var a = AudioFiles.read(resource(file));
        assertThat(a.format()).isEqualTo("mp3");
        // LAME adds its encoder delay and pads the last frame: within three frames (at most 216 ms at 8 kHz) of the source
        assertThat(a.durationMillis()).isBetween(millis - 10, millis + 250);
        assertThat(a.sampleRate()).isEqualTo(rate);
        assertThat(a.channels()).isEqualTo(1);
    }

    @Test
    void anMp3CutShortLastsLess() throws Exception {
        byte[] full = resource("cbr-7_5s.mp3");
        var half = AudioFiles.read(Arrays.copyOf(full, full.length / 2));
        assertThat(half.durationMillis()).isBetween(3000L, 4500L);
    }

    @Test
    void otherFilesAreRefusedWithWhy() {
        assertThatThrownBy(() -> AudioFiles.read("%PDF-1.7 this is not audio at all, not even close".getBytes()))
                .isInstanceOf(AudioFiles.Unreadable.class).hasMessageContaining("neither a WAV nor an MP3");
        assertThatThrownBy(() -> AudioFiles.read(new byte[3])).isInstanceOf(AudioFiles.Unreadable.class).hasMessageContaining("too short");
        byte[] brokenWav = "RIFF\0\0\0\0WAVEjunkjunkjunkjunk".getBytes();
        assertThatThrownBy(() -> AudioFiles.read(brokenWav)).isInstanceOf(AudioFiles.Unreadable.class).hasMessageContaining("WAV");
    }
}
