package io.purplesector.telemetry.proto.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * What a session id is, wherever it travels: the key of a telemetry record, its {@code sessionId}
 * header, the id in its payload. A session id is 1 to {@value #MAX_BYTES} bytes of well-formed
 * UTF-8 with no control characters (Unicode category Cc, U+0000 to U+001F and U+007F to U+009F).
 *
 * <p>Why these limits: a session id is a key of the database's sessions table and of every
 * in-memory map of sessions, so its size bounds what one record can cost there (an 8,000-byte key
 * once failed every batch on PostgreSQL's index row limit); it is compared as text, so it must
 * decode to one string only (a NUL, which PostgreSQL's text cannot hold, or a byte that is not
 * UTF-8 would each be stored as something other than the key it came with); and it is shown to
 * people. Collectors' ids ({@code demo-<uuid>}, {@code ac-<epoch ms>}) are under 50 ASCII bytes.
 */
public final class SessionIds {

    /** Longest session id, in bytes of UTF-8. */
    public static final int MAX_BYTES = 128;

    private SessionIds() {
    }

    /**
     * The session id a record key holds.
     *
     * @throws InvalidSessionIdException saying which part of the rule the key breaks
     */
    public static String fromKey(byte @Nullable [] key) {
        if (key == null || key.length == 0) {
            throw new InvalidSessionIdException("no session id (the record has no key)");
        }
        if (key.length > MAX_BYTES) {
            throw new InvalidSessionIdException("a session id of " + key.length + " bytes; at most " + MAX_BYTES);
        }
        if (isPrintableAscii(key)) {
            // The common case, decoded without a decoder.
            return new String(key, StandardCharsets.ISO_8859_1);
        }
        String id;
        try {
            id = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidSessionIdException("a session id that is not well-formed UTF-8");
        }
        return requireNoControlCharacters(id);
    }

    /**
     * Returns the session id when it keeps the rule.
     *
     * @throws InvalidSessionIdException saying which part of the rule it breaks
     */
    public static String requireValid(String sessionId) {
        if (sessionId.isEmpty()) {
            throw new InvalidSessionIdException("an empty session id");
        }
        // A char is at most 3 bytes of UTF-8 (a surrogate pair, two chars, is 4): a cheap bound first.
        if (sessionId.length() > MAX_BYTES || sessionId.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidSessionIdException("a session id longer than " + MAX_BYTES + " bytes of UTF-8");
        }
        for (int i = 0; i < sessionId.length(); i++) {
            char c = sessionId.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < sessionId.length()
                    && Character.isLowSurrogate(sessionId.charAt(++i)))) {
                throw new InvalidSessionIdException("a session id with an unpaired surrogate, not UTF-8");
            }
        }
        return requireNoControlCharacters(sessionId);
    }

    /** Whether the session id keeps the rule. */
    public static boolean isValid(String sessionId) {
        try {
            requireValid(sessionId);
            return true;
        } catch (InvalidSessionIdException e) {
            return false;
        }
    }

    private static boolean isPrintableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String requireNoControlCharacters(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new InvalidSessionIdException(String.format(
                        "a session id with the control character U+%04X at %d", (int) id.charAt(i), i));
            }
        }
        return id;
    }
}
