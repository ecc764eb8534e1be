package dev.entrada.contracts.code;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed ticket code a QR carries. It holds no personal data: the ticket id, a reference to the
 * event and to the ticket type, the signing key id and an optional validity window, signed with
 * Ed25519 and written in base32 so the QR can use the compact alphanumeric mode.
 *
 * <pre>
 * byte  0      version (high nibble, = 1) | flags (low nibble; bit 0: validity window present)
 * bytes 1-2    key id (unsigned 16 bit)
 * bytes 3-18   ticket id (UUID)
 * bytes 19-22  event reference: first 4 bytes of SHA-256(event id)
 * bytes 23-24  ticket type reference: first 2 bytes of SHA-256(ticket type code)
 * bytes 25-30  (only with the window flag) valid from, minutes since the epoch (u32), then length in minutes (u16)
 * then 64      Ed25519 signature over all the bytes before it
 * </pre>
 * <p>
 * Without a window the code is 143 characters, with one 152; both fit QR version 6 at error
 * correction M (154 alphanumeric characters).
 * <p>
 * Signing and verifying use BouncyCastle's RFC 8032 Ed25519 on the raw 32-byte keys (no JCA provider
 * is registered): it verifies about eight times faster than the JDK's {@code Signature("Ed25519")} on
 * JDK 17, and verification was the check-in service's top CPU cost under scan load (docs/benchmarks.md,
 * issue 10). Ed25519 is deterministic, so the signatures are byte for byte those the JDK makes; keys
 * stay the JDK's {@link PublicKey}/{@link PrivateKey} in X.509/PKCS#8 form ({@link Ed25519Keys}).
 */
public final class TicketCode {
    /**
     * Public keys decoded to curve points, once per key rather than once per verification (the decoding is a
     * field square root, about a tenth of a verification). A service checks codes against its few signing
     * keys, all from its own replica; the bound only keeps a misuse from growing it.
     */
    private static final Map<PublicKey, Optional<Ed25519.PublicPoint>> PUBLIC_POINTS = new ConcurrentHashMap<>();
    private static final int MAX_PUBLIC_POINTS = 64;
    public static final int VERSION = 1;
    private static final int FLAG_WINDOW = 1;
    private static final int SIGNATURE_LENGTH = 64;
    private static final int BODY_LENGTH = 25;
    private static final int WINDOW_LENGTH = 6;
    /** Longest accepted input; anything longer is refused before decoding. */
    public static final int MAX_LENGTH = 200;

    /** What a code says, once read. */
    public record Claims(UUID ticketId, int eventRef, int ticketTypeRef, int keyId, Instant validFrom, Instant validUntil) {

        public boolean isForEvent(String eventId) {
            return eventRef == TicketCode.eventRef(eventId);
        }

        public boolean isOfType(String ticketType) {
            return ticketTypeRef == TicketCode.ticketTypeRef(ticketType);
        }

        public String keyIdText() {
            return TicketCode.keyIdText(keyId);
        }

        public boolean hasWindow() {
            return validFrom != null;
        }

        public boolean isValidAt(Instant when) {
            return !hasWindow() || (!when.isBefore(validFrom) && when.isBefore(validUntil));
        }
    }

    /** A code split into its claims and its signature; not yet verified. */
    public static final class Parsed {
        private final Claims claims;
        private final byte[] signed;
        private final byte[] signature;

        private Parsed(Claims claims, byte[] signed, byte[] signature) {
            this.claims = claims;
            this.signed = signed;
            this.signature = signature;
        }

        public Claims claims() {
            return claims;
        }

        /** True when the signature was made by the private half of {@code publicKey}. */
        public boolean isSignedBy(PublicKey publicKey) {
            Ed25519.PublicPoint point = publicPoint(publicKey);
            if (point == null) {
                return false;
            }
            try {
                return Ed25519.verify(signature, 0, point, signed, 0, signed.length);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** The point of an Ed25519 public key (checked as RFC 8032 verification checks it), or null if it is none. */
    private static Ed25519.PublicPoint publicPoint(PublicKey publicKey) {
        if (publicKey == null) {
            return null;
        }
        Optional<Ed25519.PublicPoint> point = PUBLIC_POINTS.get(publicKey);
        if (point == null) {
            byte[] raw = Ed25519Keys.rawPublicKey(publicKey);
            point = Optional.ofNullable(raw == null ? null : Ed25519.validatePublicKeyPartialExport(raw, 0));
            if (PUBLIC_POINTS.size() >= MAX_PUBLIC_POINTS) {
                PUBLIC_POINTS.clear();
            }
            PUBLIC_POINTS.put(publicKey, point);
        }
        return point.orElse(null);
    }

    /** The code is not a ticket code of a version this build understands. */
    public static final class MalformedCodeException extends Exception {
        public MalformedCodeException(String message) {
            super(message);
        }
    }

    /** Issues a code. {@code validFrom}/{@code validUntil} are both null or both set (minute precision). */
    public static String sign(UUID ticketId, String eventId, String ticketType, String keyId,
                              Instant validFrom, Instant validUntil, PrivateKey privateKey) {
        Objects.requireNonNull(ticketId, "ticketId");
        boolean window = validFrom != null || validUntil != null;
        ByteBuffer body = ByteBuffer.allocate(BODY_LENGTH + (window ? WINDOW_LENGTH : 0));
        body.put((byte) ((VERSION << 4) | (window ? FLAG_WINDOW : 0)));
        body.putShort((short) parseKeyId(keyId));
        body.putLong(ticketId.getMostSignificantBits());
        body.putLong(ticketId.getLeastSignificantBits());
        body.putInt(eventRef(eventId));
        body.putShort((short) ticketTypeRef(ticketType));
        if (window) {
            long fromMinutes = Objects.requireNonNull(validFrom, "validFrom").getEpochSecond() / 60;
            long lengthMinutes = (Objects.requireNonNull(validUntil, "validUntil").getEpochSecond() / 60) - fromMinutes;
            if (lengthMinutes <= 0 || lengthMinutes > 0xffff) {
                throw new IllegalArgumentException("validity window must be between 1 minute and 45 days");
            }
            body.putInt((int) fromMinutes);
            body.putShort((short) lengthMinutes);
        }
        byte[] signed = body.array();
        byte[] all = Arrays.copyOf(signed, signed.length + SIGNATURE_LENGTH);
        Ed25519.sign(Ed25519Keys.rawPrivateKey(privateKey), 0, signed, 0, signed.length, all, signed.length);
        return Base32.encode(all);
    }

    /** Reads a code without checking its signature. */
    public static Parsed parse(String code) throws MalformedCodeException {
        if (code == null || code.isBlank()) {
            throw new MalformedCodeException("empty code");
        }
        if (code.length() > MAX_LENGTH) {
            throw new MalformedCodeException("code too long");
        }
        byte[] all;
        try {
            all = Base32.decode(code.strip());
        } catch (IllegalArgumentException e) {
            throw new MalformedCodeException(e.getMessage());
        }
        if (all.length < BODY_LENGTH + SIGNATURE_LENGTH) {
            throw new MalformedCodeException("code too short");
        }
        int version = (all[0] >> 4) & 0x0f;
        int flags = all[0] & 0x0f;
        if (version != VERSION) {
            throw new MalformedCodeException("unknown code version " + version);
        }
        boolean window = (flags & FLAG_WINDOW) != 0;
        int bodyLength = BODY_LENGTH + (window ? WINDOW_LENGTH : 0);
        if (all.length != bodyLength + SIGNATURE_LENGTH || (flags & ~FLAG_WINDOW) != 0) {
            throw new MalformedCodeException("code has the wrong length for its flags");
        }
        ByteBuffer body = ByteBuffer.wrap(all, 1, bodyLength - 1);
        int keyId = body.getShort() & 0xffff;
        UUID ticketId = new UUID(body.getLong(), body.getLong());
        int eventRef = body.getInt();
        int typeRef = body.getShort() & 0xffff;
        Instant validFrom = null;
        Instant validUntil = null;
        if (window) {
            long fromMinutes = body.getInt() & 0xffffffffL;
            int lengthMinutes = body.getShort() & 0xffff;
            validFrom = Instant.ofEpochSecond(fromMinutes * 60);
            validUntil = Instant.ofEpochSecond((fromMinutes + lengthMinutes) * 60);
        }
        Claims claims = new Claims(ticketId, eventRef, typeRef, keyId, validFrom, validUntil);
        return new Parsed(claims, Arrays.copyOf(all, bodyLength), Arrays.copyOfRange(all, bodyLength, all.length));
    }

    public static int eventRef(String eventId) {
        return ByteBuffer.wrap(sha256(eventId)).getInt();
    }

    public static int ticketTypeRef(String ticketType) {
        return ByteBuffer.wrap(sha256(ticketType)).getShort() & 0xffff;
    }

    /** Key ids are 16-bit numbers written as four upper-case hex digits, e.g. {@code 0A3F}. */
    public static String keyIdText(int keyId) {
        return String.format("%04X", keyId);
    }

    public static int parseKeyId(String keyId) {
        int value = Integer.parseInt(Objects.requireNonNull(keyId, "keyId"), 16);
        if (value < 0 || value > 0xffff || keyId.length() != 4) {
            throw new IllegalArgumentException("key id must be four hex digits: " + keyId);
        }
        return value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TicketCode() {
    }
}
