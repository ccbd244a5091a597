package org.fairsend.campaigns.internal;

import java.io.IOException;

/** Test recordings for tests outside this package. */
public final class AudioFilesAccess {

    private AudioFilesAccess() {}

    /** A mono 8 kHz 16-bit WAV file of {@code seconds}, written by javax.sound.sampled. */
    public static byte[] wav(double seconds) throws IOException {
        return AudioFilesTest.wav(seconds, 8000, 16, 1);
    }

    /** One of the LAME-encoded files of src/test/resources/voice. */
    public static byte[] mp3(String name) throws IOException {
        return AudioFilesTest.resource(name);
    }
}
