package io.purplesector.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client that completes the handshake and then never reads again, with a tiny
 * receive buffer: the worst a dashboard on a stalled network can do to the bridge.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket = new Socket();

    StalledClient(int port, String query) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("stalled-client-16".substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /" + query + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + response);
            }
            response.append((char) b);
        }
        if (!response.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + response);
        }
    }

    /**
     * Sends a burst of the same short binary message, each masked as a client must (with a zero
     * mask, so that the payload goes as it is), in one write.
     */
    void sendBinary(byte[] payload, int times) throws IOException {
        if (payload.length > 125) {
            throw new IllegalArgumentException("only short messages");
        }
        byte[] burst = new byte[(6 + payload.length) * times];
        for (int offset = 0; offset < burst.length; offset += 6 + payload.length) {
            burst[offset] = (byte) 0x82;
            burst[offset + 1] = (byte) (0x80 | payload.length);
            System.arraycopy(payload, 0, burst, offset + 6, payload.length);
        }
        socket.getOutputStream().write(burst);
    }

    /**
     * Reads (and ignores) whatever the server sends, never answering, until the server closes the
     * connection; returns how long that took.
     */
    java.time.Duration readUntilClosed(java.time.Duration timeout) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // Pings and the close frame go unanswered.
        }
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
