package io.purplesector.collector.acc.protocol;

import org.jspecify.annotations.Nullable;

/** The first byte of every datagram ACC sends (B.6; some third-party code swaps 5 and 7, the captures do not). */
enum InboundType {
    REGISTRATION_RESULT(1),
    REALTIME_UPDATE(2),
    REALTIME_CAR_UPDATE(3),
    ENTRY_LIST(4),
    TRACK_DATA(5),
    ENTRY_LIST_CAR(6),
    BROADCASTING_EVENT(7);

    private static final InboundType[] BY_CODE = new InboundType[8];

    static {
        for (InboundType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    final int code;

    InboundType(int code) {
        this.code = code;
    }

    static @Nullable InboundType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
