package io.lobsterops.agentconfig.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of the test sshd: the git server as the service sees it, which a test can take down
 * (connections refused, open ones cut) and bring back on the same port. Real sockets, real sshd behind.
 */
public final class TcpRelay implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    public TcpRelay(int targetPort) {
        this.targetPort = targetPort;
        this.server = bind(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    public int port() {
        return port;
    }

    /** Stops listening and cuts every relayed connection: the server is down. */
    public synchronized void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(TcpRelay::closeQuietly);
        open.clear();
    }

    /** Listens again on the same port. */
    public synchronized void start() {
        if (server.isClosed()) {
            server = bind(port);
            accept(server);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        Thread.ofVirtual().name("tcp-relay-" + port).start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(target);
                    pipe(client, target);
                    pipe(target, client);
                } catch (IOException e) {
                    // closed by stop(), or the target refused: the client sees its connection end
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
