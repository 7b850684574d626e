package io.purplesector.bridge;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket, with a tiny receive buffer, that does only what it is
 * told: it may never read again after the handshake (the worst a dashboard on a stalled network
 * can do to the bridge), flood, or leave the server's close unanswered.
 */
final class RawClient implements AutoCloseable {

    private final Socket socket = new Socket();

    RawClient(int port, String query) throws IOException {
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
    Duration readUntilClosed(Duration timeout) throws IOException {
        long start = System.nanoTime();
        bytesUntilClosed(timeout);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Reads the server's frames, skipping any others, up to its close frame.
     *
     * @return the close frame's status code
     * @throws IOException when the connection ends, or the timeout passes, first
     */
    int readCloseCode(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = in.readNBytes(Math.toIntExact(length));
            if (opcode == 0x8) {
                return payload.length < 2 ? 1005 : ByteBuffer.wrap(payload).getShort() & 0xffff;
            }
        }
    }

    /** Sends a close frame with the status code, masked (with a zero mask). */
    void sendClose(int code) throws IOException {
        socket.getOutputStream().write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, (byte) (code >> 8), (byte) code});
    }

    /**
     * Reads until the server closes the connection.
     *
     * @return how many bytes arrived before the end
     * @throws java.net.SocketException when the connection is reset rather than closed
     */
    long bytesUntilClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
