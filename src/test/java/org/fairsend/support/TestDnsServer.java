package org.fairsend.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server over UDP on 127.0.0.1 and a random port, built on dnsjava's message
 * classes: answers TXT, CNAME and MX questions from maps the test fills, NXDOMAIN for unknown names. TXT values
 * longer than 255 characters are split into several character-strings, as real zones publish DKIM keys.
 */
public final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, String> cname = new ConcurrentHashMap<>();
    private final Map<String, List<String>> mx = new ConcurrentHashMap<>();
    private final Thread thread;

    public TestDnsServer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        thread = Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
    }

    /** The resolver setting that points at this server. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public TestDnsServer txt(String name, String... values) {
        txt.put(key(name), List.of(values));
        return this;
    }

    public TestDnsServer cname(String name, String target) {
        cname.put(key(name), key(target));
        return this;
    }

    /** MX records at {@code name}, preference 10, 20, ... in the order given. */
    public TestDnsServer mx(String name, String... exchanges) {
        mx.put(key(name), java.util.Arrays.stream(exchanges).map(TestDnsServer::key).toList());
        return this;
    }

    public void remove(String name) {
        txt.remove(key(name));
        cname.remove(key(name));
        mx.remove(key(name));
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
                Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                byte[] answer = answer(query);
                socket.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) return;
            }
        }
    }

    private byte[] answer(Message query) throws IOException {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) response.getHeader().setFlag(Flags.RD);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        String key = name.toString().toLowerCase(Locale.ROOT);
        boolean known = txt.containsKey(key) || cname.containsKey(key) || mx.containsKey(key);
        if (cname.containsKey(key)) {
            response.addRecord(new CNAMERecord(name, DClass.IN, 60, Name.fromString(cname.get(key))), Section.ANSWER);
        } else if (question.getType() == Type.TXT && txt.containsKey(key)) {
            for (String v : txt.get(key)) response.addRecord(new TXTRecord(name, DClass.IN, 60, chunks(v)), Section.ANSWER);
        } else if (question.getType() == Type.MX && mx.containsKey(key)) {
            int preference = 10;
            for (String exchange : mx.get(key)) {
                response.addRecord(new org.xbill.DNS.MXRecord(name, DClass.IN, 60, preference, Name.fromString(exchange)), Section.ANSWER);
                preference += 10;
            }
        }
        if (!known) response.getHeader().setRcode(Rcode.NXDOMAIN);
        OPTRecord opt = query.getOPT();
        if (opt != null) response.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        return response.toWire(max);
    }

    private static List<String> chunks(String v) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.length(); i += 255) out.add(v.substring(i, Math.min(v.length(), i + 255)));
        return out;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
