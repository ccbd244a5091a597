import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/cluster's mail sink: an SMTP server on loopback that accepts every message and writes one line per delivered
 * recipient, "<epoch second> <recipient>", to the log file given, so the bench can count copies per recipient and
 * messages per domain per second. Plain SMTP (RFC 5321), no TLS, no checks: it stands for the relay.
 * Usage: java bench/sink/Sink.java <port> <log file> [<address to listen on, default loopback>] [<ms before each
 * message's answer, default 0: a remote MTA's answer time>]
 */
public class Sink {

    private static BufferedWriter out;
    private static long delayMs;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.US_ASCII);
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Thread.sleep(500);
                    synchronized (Sink.class) {
                        out.flush();
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        delayMs = args.length > 3 ? Long.parseLong(args[3]) : 0;
        InetAddress bind = args.length > 2 ? InetAddress.getByName(args[2]) : InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(port, 512, bind)) {
            while (true) {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> session(s));
            }
        }
    }

    private static void session(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream o = s.getOutputStream();
            reply(o, "220 sink ESMTP");
            List<String> rcpts = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(o, "250-sink\r\n250-8BITMIME\r\n250 PIPELINING");
                    case "HELO" -> reply(o, "250 sink");
                    case "MAIL" -> { rcpts.clear(); reply(o, "250 2.1.0 ok"); }
                    case "RCPT" -> {
                        int lt = line.indexOf('<'), gt = line.indexOf('>');
                        rcpts.add(lt >= 0 && gt > lt ? line.substring(lt + 1, gt).toLowerCase() : line.substring(8).trim());
                        reply(o, "250 2.1.5 ok");
                    }
                    case "DATA" -> {
                        reply(o, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message body is not kept
                        }
                        if (delayMs > 0) {
                            try {
                                Thread.sleep(delayMs);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        long second = System.currentTimeMillis() / 1000;
                        synchronized (Sink.class) {
                            for (String r : rcpts) out.write(second + " " + r + "\n");
                        }
                        rcpts.clear();
                        reply(o, "250 2.0.0 queued");
                    }
                    case "RSET" -> { rcpts.clear(); reply(o, "250 2.0.0 ok"); }
                    case "NOOP" -> reply(o, "250 2.0.0 ok");
                    case "QUIT" -> { reply(o, "221 2.0.0 bye"); return; }
                    default -> reply(o, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream o, String text) throws IOException {
        o.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        o.flush();
    }
}
