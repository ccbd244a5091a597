package org.fairsend.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL's binary {@code COPY} format for {@link BulkInsert} (issue 17): the server reads each value as it
 * stores it (a UUID's 16 bytes, a timestamp's microseconds) instead of parsing text, which an import of a million
 * rows spent seconds on. Only the column types below are written this way, and only values whose Java type fits
 * the column ({@link #fits}); anything else goes through CSV, so a new column type can never be written wrongly.
 * Timestamps are rounded to the microsecond, half up, as the JDBC driver sends them.
 */
final class BinaryCopy {

    /** The column types written in binary. */
    enum Type { INT8, INT4, INT2, BOOL, TEXT, UUID, TIMESTAMPTZ, DATE }

    private static final Map<String, Type> TYPES = Map.of("bigint", Type.INT8, "integer", Type.INT4, "smallint", Type.INT2,
            "boolean", Type.BOOL, "character varying", Type.TEXT, "text", Type.TEXT, "uuid", Type.UUID,
            "timestamp with time zone", Type.TIMESTAMPTZ, "date", Type.DATE);

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds and in days since 1970-01-01. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;

    private BinaryCopy() {}

    /** The columns' types, as the table (found like COPY finds it, on the search path) declares them; null if one has no binary form here. */
    static Type[] types(Connection con, String table, List<String> columns) throws SQLException {
        Map<String, String> declared = new HashMap<>();
        try (PreparedStatement ps = con.prepareStatement("select attname, format_type(atttypid, null) from pg_attribute"
                + " where attrelid = ?::regclass and attnum > 0 and not attisdropped")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) declared.put(rs.getString(1), rs.getString(2));
            }
        }
        Type[] types = new Type[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = TYPES.get(declared.get(columns.get(i)));
            if (types[i] == null) return null;
        }
        return types;
    }

    /** Whether every value has a binary form for its column (else the caller writes CSV). */
    static boolean fits(Type[] types, List<Object[]> rows) {
        for (Object[] row : rows) {
            if (row.length != types.length) return false;
            for (int i = 0; i < row.length; i++) if (!fits(types[i], row[i])) return false;
        }
        return true;
    }

    private static boolean fits(Type t, Object v) {
        if (v == null) return true;
        return switch (t) {
            case INT8 -> v instanceof Long || v instanceof Integer || v instanceof Short;
            case INT4 -> v instanceof Integer || v instanceof Short || v instanceof Long l && l == (int) (long) l;
            case INT2 -> v instanceof Short || v instanceof Integer n && n == (short) (int) n || v instanceof Long l && l == (short) (long) l;
            case BOOL -> v instanceof Boolean;
            case TEXT -> v instanceof String s && s.indexOf('\0') < 0; // PostgreSQL refuses NUL in text: CSV reports it
            case UUID -> v instanceof UUID;
            case TIMESTAMPTZ -> v instanceof Instant || v instanceof Timestamp;
            case DATE -> v instanceof LocalDate || v instanceof java.sql.Date;
        };
    }

    static void copy(Connection con, String sql, Type[] types, List<Object[]> rows) throws SQLException {
        PGCopyOutputStream out = new PGCopyOutputStream(con.unwrap(PGConnection.class), sql, 1 << 16);
        try (out) {
            Buf b = new Buf();
            b.bytes(HEADER);
            for (Object[] row : rows) {
                b.int16(row.length);
                for (int i = 0; i < row.length; i++) value(b, types[i], row[i]);
                if (b.size > (1 << 16)) b.drainTo(out);
            }
            b.int16(-1);
            b.drainTo(out);
        } catch (IOException e) {
            if (e.getCause() instanceof SQLException s) throw s;
            throw new UncheckedIOException(e);
        }
    }

    private static void value(Buf b, Type t, Object v) {
        if (v == null) {
            b.int32(-1);
            return;
        }
        switch (t) {
            case INT8 -> {
                b.int32(8);
                b.int64(((Number) v).longValue());
            }
            case INT4 -> {
                b.int32(4);
                b.int32(((Number) v).intValue());
            }
            case INT2 -> {
                b.int32(2);
                b.int16(((Number) v).shortValue());
            }
            case BOOL -> {
                b.int32(1);
                b.byte1((Boolean) v ? 1 : 0);
            }
            case TEXT -> {
                byte[] utf8 = ((String) v).getBytes(StandardCharsets.UTF_8);
                b.int32(utf8.length);
                b.bytes(utf8);
            }
            case UUID -> {
                UUID u = (UUID) v;
                b.int32(16);
                b.int64(u.getMostSignificantBits());
                b.int64(u.getLeastSignificantBits());
            }
            case TIMESTAMPTZ -> {
                Instant i = v instanceof Timestamp ts ? ts.toInstant() : (Instant) v;
                b.int32(8);
                b.int64(micros(i));
            }
            case DATE -> {
                LocalDate d = v instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) v;
                b.int32(4);
                b.int32((int) (d.toEpochDay() - PG_EPOCH_DAYS));
            }
        }
    }

    /** Microseconds since PostgreSQL's epoch, the nanoseconds rounded half up (as the JDBC driver sends them). */
    static long micros(Instant i) {
        long micros = Math.addExact(Math.multiplyExact(i.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L), i.getNano() / 1000);
        return i.getNano() % 1000 >= 500 ? micros + 1 : micros;
    }

    /** A growable big-endian byte buffer, drained to the COPY stream every 64 KB. */
    private static final class Buf {
        byte[] a = new byte[1 << 17];
        int size;

        void ensure(int n) {
            if (size + n > a.length) a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, size + n));
        }

        void byte1(int v) {
            ensure(1);
            a[size++] = (byte) v;
        }

        void int16(int v) {
            ensure(2);
            a[size++] = (byte) (v >>> 8);
            a[size++] = (byte) v;
        }

        void int32(int v) {
            ensure(4);
            a[size++] = (byte) (v >>> 24);
            a[size++] = (byte) (v >>> 16);
            a[size++] = (byte) (v >>> 8);
            a[size++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, a, size, b.length);
            size += b.length;
        }

        void drainTo(PGCopyOutputStream out) throws IOException {
            out.write(a, 0, size);
            size = 0;
        }
    }
}
