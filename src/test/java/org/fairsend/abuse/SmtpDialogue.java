package org.fairsend.abuse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An SMTP conversation line by line over a plain socket, from a chosen loopback address, for the attacks a mail
 * library will not make (the same RCPT fifty times, MAIL FROM then RSET in a loop) and to read the listener's exact
 * replies (421 at connection, 450 at MAIL FROM).
 */
final class SmtpDialogue implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    /** The server's greeting: {@code 220 ...}, or the refusal it closed with. */
    final String greeting;

    SmtpDialogue(String localAddress, int port) throws IOException {
        socket = new Socket();
        socket.setSoTimeout(20_000);
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** Sends one command line and returns the (last line of the) reply. */
    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** DATA, the message (dot-stuffed), the final dot; returns the reply to the message. */
    String data(byte[] message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) return go;
        String text = new String(message, StandardCharsets.US_ASCII).replace("\r\n", "\n");
        if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        StringBuilder stuffed = new StringBuilder();
        for (String l : text.split("\n", -1)) stuffed.append(l.startsWith(".") ? "." + l : l).append("\r\n");
        out.write(stuffed.toString().getBytes(StandardCharsets.US_ASCII));
        return command(".");
    }

    private String reply() throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') line = in.readLine();
        return line == null ? "(closed)" : line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
