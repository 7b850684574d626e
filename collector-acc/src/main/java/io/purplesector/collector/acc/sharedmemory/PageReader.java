package io.purplesector.collector.acc.sharedmemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Copies one page out of shared memory so that the copy is one the game wrote, not half of one:
 * the game writes while we read (reads are not atomic, C.7). A copy counts when the packet id
 * read before it equals the one read after it and a second copy is byte for byte the same (the
 * second check catches a write already under way when the first copy began); otherwise it is
 * tried again, up to {@link #ATTEMPTS} times, and then given up as torn. A page whose packet id
 * has not moved since the last copy is not copied again. The static page has no packet id (it
 * starts with text); it is copied when its bytes differ from the last copy.
 *
 * <p>A page not shared is looked for again at most once per {@code retryMillis}; a page that has
 * not changed for {@code staleMillis} is opened afresh, so that a restarted game's new mapping is
 * found. Used by one thread.
 */
public final class PageReader {

    /** Tries before a page being rewritten all the time is given up as torn. */
    public static final int ATTEMPTS = 4;

    /** What a read gave. */
    public enum Outcome {
        /** The page is not shared (game not running, another PC, no bridge). */
        ABSENT,
        /** The game rewrote the page during every attempt; nothing was copied. */
        TORN,
        /** Nothing new since the last copy. */
        UNCHANGED,
        /** A new consistent copy is in {@link #page()}. */
        COPIED
    }

    /** Between the two copies of an attempt; see {@link #settle()}. */
    private static final long SETTLE_NANOS = 5_000;

    private static final VarHandle PACKET_ID =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final SharedMemorySource source;
    private final Page kind;
    private final long retryMillis;
    private final long staleMillis;
    private ByteBuffer page;
    private ByteBuffer first;
    private final ByteBuffer second;
    private @Nullable ByteBuffer view;
    private long nextOpenAt = Long.MIN_VALUE;
    private long lastChangeAt;
    private boolean copied;

    public PageReader(SharedMemorySource source, Page kind, long retryMillis, long staleMillis) {
        this.source = source;
        this.kind = kind;
        this.retryMillis = retryMillis;
        this.staleMillis = staleMillis;
        this.page = ByteBuffer.allocate(kind.size()).order(ByteOrder.LITTLE_ENDIAN);
        this.first = ByteBuffer.allocate(kind.size()).order(ByteOrder.LITTLE_ENDIAN);
        this.second = ByteBuffer.allocate(kind.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads the page at {@code now} (milliseconds on any steady clock). */
    public Outcome read(long now) {
        ByteBuffer current = view(now);
        if (current == null) {
            return Outcome.ABSENT;
        }
        boolean hasPacketId = kind != Page.STATIC;
        if (copied && hasPacketId && current.getInt(0) == page.getInt(0)) {
            return unchanged(now);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // As a seqlock's reader: the copies may not move before the first read of the id nor
            // after the second (the JIT would otherwise be free to read the id once for both).
            int before = (int) PACKET_ID.getVolatile(current, 0);
            current.get(0, first.array());
            settle();
            current.get(0, second.array());
            VarHandle.loadLoadFence();
            int after = (int) PACKET_ID.getVolatile(current, 0);
            if (before != after || !first.equals(second)) {
                continue;
            }
            if (copied && !hasPacketId && first.equals(page)) {
                return unchanged(now);
            }
            ByteBuffer previous = page;
            page = first;
            first = previous;
            copied = true;
            lastChangeAt = now;
            return Outcome.COPIED;
        }
        return Outcome.TORN;
    }

    /** The last consistent copy, little-endian, positioned at 0; valid until the next {@link #read}. */
    public ByteBuffer page() {
        return page.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public Page kind() {
        return kind;
    }

    /** Forgets the view and the last copy: the next read opens the page afresh and copies it. */
    public void reset() {
        view = null;
        copied = false;
        nextOpenAt = Long.MIN_VALUE;
    }

    /**
     * Waits a few microseconds between the two copies: a write under way when the first copy began
     * becomes visible a cache line at a time, and two copies taken back to back can both see the
     * same half of it; the game writes a page in well under a microsecond.
     */
    private static void settle() {
        VarHandle.loadLoadFence();
        long until = System.nanoTime() + SETTLE_NANOS;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        VarHandle.loadLoadFence();
    }

    private Outcome unchanged(long now) {
        if (now - lastChangeAt > staleMillis) {
            // A game that restarted may share a new mapping; the old one would never change again.
            view = null;
            nextOpenAt = Long.MIN_VALUE;
            lastChangeAt = now;
        }
        return Outcome.UNCHANGED;
    }

    private @Nullable ByteBuffer view(long now) {
        if (view == null && now >= nextOpenAt) {
            Optional<ByteBuffer> opened = source.open(kind);
            view = opened.map(bytes -> bytes.order(ByteOrder.LITTLE_ENDIAN)).orElse(null);
            nextOpenAt = view == null ? now + retryMillis : Long.MIN_VALUE;
        }
        return view;
    }
}
