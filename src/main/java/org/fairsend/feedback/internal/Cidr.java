package org.fairsend.feedback.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}); a bare address is
 * the range of that one address. Parsed from literals only, never through DNS; the host bits are cleared, so
 * {@code 192.0.2.7/24} is {@code 192.0.2.0/24}.
 */
record Cidr(byte[] network, int prefix) {

    private static final Pattern V4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern V6 = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");

    /** A range, or {@link IllegalArgumentException} saying what is wrong with it. */
    static Cidr parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a CIDR range is required, such as 192.0.2.0/24");
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        boolean v4 = V4.matcher(address).matches();
        if (!v4 && !(address.contains(":") && V6.matcher(address).matches())) {
            throw new IllegalArgumentException("'" + t + "' is not an IPv4 or IPv6 address range in CIDR notation, such as 192.0.2.0/24");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + t + "' is not a valid IP address");
        }
        if (v4 != (bytes.length == 4)) throw new IllegalArgumentException("'" + t + "' mixes IPv4 and IPv6 notation");
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) throw new IllegalArgumentException("'" + t + "': the prefix length must be a number from 0 to " + max);
            prefix = Integer.parseInt(p);
            if (prefix > max) throw new IllegalArgumentException("'" + t + "': the prefix length must be a number from 0 to " + max);
        }
        for (int bit = prefix; bit < max; bit++) bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        return new Cidr(bytes, prefix);
    }

    /** Whether the address lies in the range (an IPv4-mapped IPv6 address counts as its IPv4 address). */
    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) a = Arrays.copyOfRange(a, 12, 16);
        if (a.length != network.length) return false;
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        try {
            String host = InetAddress.getByAddress(network).getHostAddress();
            return host + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }
}
