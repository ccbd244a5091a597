package org.fairsend.feedback.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays Amazon SNS for tests: an RSA key with a self-signed X.509 certificate made by the JDK's {@code keytool},
 * the certificate served by a real HTTP server on 127.0.0.1 (the test profile allows that host and http), a
 * subscription-confirmation endpoint that records its calls, and messages signed as the SNS documentation says.
 * A second key ("intruder") signs messages that claim the first one's certificate. Public for the abuse suite
 * ({@code org.fairsend.abuse}).
 */
public final class SnsTestPeer {

    private static SnsTestPeer instance;

    final HttpServer server;
    final PrivateKey key;
    final PrivateKey intruder;
    final AtomicInteger certificateFetches = new AtomicInteger();
    final List<String> confirmations = new CopyOnWriteArrayList<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static synchronized SnsTestPeer get() throws Exception {
        if (instance == null) {
            instance = new SnsTestPeer();
        }
        return instance;
    }

    private SnsTestPeer() throws Exception {
        Path dir = Files.createTempDirectory("sns-peer");
        KeyStore signer = keytool(dir, "sns");
        key = (PrivateKey) signer.getKey("sns", "changeit".toCharArray());
        X509Certificate certificate = (X509Certificate) signer.getCertificate("sns");
        intruder = (PrivateKey) keytool(dir, "intruder").getKey("intruder", "changeit".toCharArray());
        byte[] pem = ("-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/SimpleNotificationService-test.pem", ex -> {
            certificateFetches.incrementAndGet();
            ex.sendResponseHeaders(200, pem.length);
            ex.getResponseBody().write(pem);
            ex.close();
        });
        server.createContext("/confirm", ex -> {
            confirmations.add(ex.getRequestURI().getQuery());
            byte[] ok = "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        server.start(); // shared by the test classes of this JVM; stopped when it exits
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    private static KeyStore keytool(Path dir, String alias) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048",
                "-sigalg", "SHA256withRSA", "-dname", "CN=" + alias + ".sns.test", "-validity", "3", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    String base(String host) {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    String certificateUrl() {
        return base("127.0.0.1") + "/SimpleNotificationService-test.pem";
    }

    /** The topic the test messages come from. */
    public static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-feedback";

    /** A notification carrying {@code message} (the SES JSON), published now, signed with the given SignatureVersion. */
    public ObjectNode notification(String message, String version) throws Exception {
        return notification(message, version, TOPIC, java.time.Instant.now());
    }

    /** A notification from {@code topic}, published at {@code at}, signed with the given SignatureVersion. */
    public ObjectNode notification(String message, String version, String topic, java.time.Instant at) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("MessageId", java.util.UUID.randomUUID().toString());
        n.put("TopicArn", topic);
        n.put("Subject", "Amazon SES Email Event Notification");
        n.put("Message", message);
        n.put("Timestamp", at.toString());
        n.put("SignatureVersion", version);
        n.put("SigningCertURL", certificateUrl());
        n.put("UnsubscribeURL", base("127.0.0.1") + "/unsubscribe");
        return sign(n, key);
    }

    ObjectNode subscription(String subscribeHost) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "SubscriptionConfirmation");
        n.put("MessageId", java.util.UUID.randomUUID().toString());
        n.put("Token", "2336412f37fb687f5d51e6e2425dacbba");
        n.put("TopicArn", TOPIC);
        n.put("Message", "You have chosen to subscribe to the topic. To confirm the subscription, visit the SubscribeURL.");
        n.put("SubscribeURL", base(subscribeHost) + "/confirm?Action=ConfirmSubscription&Token=2336412f37fb687f5d51e6e2425dacbba");
        n.put("Timestamp", java.time.Instant.now().toString());
        n.put("SignatureVersion", "1");
        n.put("SigningCertURL", certificateUrl());
        return sign(n, key);
    }

    /** Signs (or re-signs) a message in place with {@code with}, over the canonical string of the SNS documentation. */
    public static ObjectNode sign(ObjectNode n, PrivateKey with) throws Exception {
        boolean notification = n.path("Type").asString().equals("Notification");
        List<String> fields = notification ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder canonical = new StringBuilder();
        for (String f : fields) {
            if (n.has(f)) {
                canonical.append(f).append('\n').append(n.get(f).asString()).append('\n');
            }
        }
        Signature s = Signature.getInstance(n.path("SignatureVersion").asString().equals("1") ? "SHA1withRSA" : "SHA256withRSA");
        s.initSign(with);
        s.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        n.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
        return n;
    }

    /** An SES bounce notification (the JSON SNS carries in Message) for one recipient and Message-ID. */
    public static String sesBounce(String recipient, String messageId) {
        return JSON.writeValueAsString(Map.of("notificationType", "Bounce",
                "bounce", Map.of("bounceType", "Permanent", "bounceSubType", "General", "bouncedRecipients",
                        List.of(Map.of("emailAddress", recipient, "action", "failed", "status", "5.1.1",
                                "diagnosticCode", "smtp; 550 5.1.1 user unknown"))),
                "mail", Map.of("messageId", "0102018f", "headers", List.of(Map.of("name", "Message-ID", "value", messageId)))));
    }

    public static String json(ObjectNode n) {
        return JSON.writeValueAsString(n);
    }
}
