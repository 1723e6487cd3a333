package io.lobsterops.agentconfig.git;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The git server's host keys, pinned from configuration ({@code known_hosts} lines): a server presenting any other key
 * is refused, and nothing is ever learned or written back. The last refusal per address is kept so the push can say
 * which key was presented instead of JGit's generic "cannot log in".
 */
final class PinnedHostKeys implements ServerKeyDatabase {

    private record Pin(KnownHostEntry entry, PublicKey key) {
    }

    private final List<Pin> pins;
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    private PinnedHostKeys(List<Pin> pins) {
        this.pins = pins;
    }

    /** Parses known_hosts text; a line that is not a host key line is a configuration error (named by number). */
    static PinnedHostKeys parse(String knownHosts) {
        List<Pin> pins = new ArrayList<>();
        String[] lines = knownHosts.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
                if (entry == null || entry.getKeyEntry() == null || entry.getMarker() != null) {
                    throw new IllegalArgumentException("not a host key line");
                }
                pins.add(new Pin(entry, entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.FAILING)));
            } catch (Exception e) {
                throw new IllegalStateException("known hosts line " + (i + 1) + " is not a host key line"
                        + " ([host]:port type base64): " + e.getMessage(), e);
            }
        }
        if (pins.isEmpty()) {
            throw new IllegalStateException("the known hosts hold no host key");
        }
        return new PinnedHostKeys(List.copyOf(pins));
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return pins.stream().filter(pin -> matches(pin, connectAddress, remoteAddress)).map(Pin::key).toList();
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        boolean pinned = lookup(connectAddress, remoteAddress, config).stream()
                .anyMatch(key -> KeyUtils.compareKeys(key, serverKey));
        if (!pinned) {
            refusals.put(address(remoteAddress), KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey));
        }
        return pinned;
    }

    /** The key the server at {@code host:port} last presented and that was refused, once. */
    Optional<String> takeRefusal(String host, int port) {
        return refusals.entrySet().stream().filter(e -> e.getKey().endsWith(":" + port)).findFirst()
                .map(e -> refusals.remove(e.getKey()));
    }

    private static boolean matches(Pin pin, String connectAddress, InetSocketAddress remote) {
        String host = connectAddress;
        int port = remote.getPort();
        if (connectAddress.startsWith("[") && connectAddress.contains("]:")) {
            host = connectAddress.substring(1, connectAddress.indexOf("]:"));
        }
        return pin.entry().isHostMatch(host, port) || pin.entry().isHostMatch(remote.getHostString(), port);
    }

    private static String address(InetSocketAddress remote) {
        return remote.getHostString() + ":" + remote.getPort();
    }
}
