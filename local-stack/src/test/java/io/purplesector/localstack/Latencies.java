package io.purplesector.localstack;

import java.util.Arrays;

/**
 * Frame ages on arrival at the dashboards, milliseconds, gathered between two samples of a run:
 * each sample takes what arrived since the last and summarises it.
 */
final class Latencies {

    /** One window: how many frames arrived and how old they were. */
    record Window(int frames, long p50, long p99, long max) {

        @Override
        public String toString() {
            return "p50 " + p50 + " ms, p99 " + p99 + " ms, max " + max + " ms (" + frames + " frames)";
        }
    }

    private long[] ages = new long[1 << 16];
    private int count;

    synchronized void record(long age) {
        if (count == ages.length) {
            ages = Arrays.copyOf(ages, count * 2);
        }
        ages[count++] = age;
    }

    /** What arrived since the last call, summarised; the window starts empty again. */
    synchronized Window drain() {
        long[] window = Arrays.copyOf(ages, count);
        count = 0;
        Arrays.sort(window);
        if (window.length == 0) {
            return new Window(0, 0, 0, 0);
        }
        return new Window(window.length, window[(window.length - 1) / 2], window[(int) ((window.length - 1) * 0.99)],
                window[window.length - 1]);
    }
}
