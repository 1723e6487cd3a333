import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.ProbeResult;
import io.lobsterops.monitoring.ssh.GatewaySweep;
import io.lobsterops.monitoring.ssh.HostConnections;
import io.lobsterops.monitoring.ssh.HostTarget;

/**
 * monitoring-service's sweep code, outside the service: HOSTS emulated hosts (each its own SSH connection to the
 * local sshd) with GATEWAYS_PER_HOST gateways each, /readyz through forwarding channels. Prints the cold sweep
 * (connect + authenticate included) and the median of WARM warm sweeps (connections kept).
 *
 *   java -cp <monitoring classes and libs> ProbeSweepBench.java KEY FINGERPRINT USER PORTS_FILE HOSTS WARM
 */
public class ProbeSweepBench {

    public static void main(String[] args) throws Exception {
        String key = args[0];
        String fingerprint = args[1];
        String user = args[2];
        List<Integer> ports = Arrays.stream(Files.readString(Path.of(args[3])).trim().split("\\s+"))
                .map(Integer::parseInt).toList();
        int hosts = Integer.parseInt(args[4]);
        int warm = Integer.parseInt(args[5]);

        MonitoringConfig config = config(key);
        HostConnections connections = new HostConnections(config);
        GatewaySweep sweep = new GatewaySweep(connections, config);
        List<HostTarget> targets = new ArrayList<>();
        int perHost = (ports.size() + hosts - 1) / hosts;
        for (int h = 0; h < hosts; h++) {
            List<HostTarget.GatewayTarget> gateways = new ArrayList<>();
            for (int i = h * perHost; i < Math.min(ports.size(), (h + 1) * perHost); i++) {
                gateways.add(new HostTarget.GatewayTarget(UUID.randomUUID(), "gw" + i, ports.get(i)));
            }
            targets.add(new HostTarget(UUID.randomUUID(), "127.0.0.1", 2222, user, fingerprint, gateways));
        }

        long cold = timed(sweep, targets, "cold");
        List<Long> warms = new ArrayList<>();
        for (int i = 0; i < warm; i++) {
            warms.add(timed(sweep, targets, "warm " + (i + 1)));
        }
        warms.sort(Long::compare);
        System.out.printf("RESULT gateways=%d hosts=%d cold_ms=%d warm_median_ms=%d warm_min_ms=%d warm_max_ms=%d%n",
                ports.size(), hosts, cold, warms.get(warms.size() / 2), warms.get(0), warms.get(warms.size() - 1));
        System.exit(0);
    }

    static long timed(GatewaySweep sweep, List<HostTarget> targets, String label) {
        long start = System.nanoTime();
        List<ProbeResult> results = sweep.sweep(targets);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        Map<Object, Long> outcomes = results.stream().collect(Collectors.groupingBy(ProbeResult::outcome,
                Collectors.counting()));
        System.out.printf("%-7s %5d ms  %s%n", label, millis, outcomes);
        return millis;
    }

    /** The sweep's settings at their defaults, the key file given. */
    static MonitoringConfig config(String key) {
        Object probes = Proxy.newProxyInstance(ProbeSweepBench.class.getClassLoader(),
                new Class<?>[] { MonitoringConfig.Probes.class }, (proxy, method, a) -> switch (method.getName()) {
                    case "requestTimeout", "connectTimeout" -> Duration.ofSeconds(5);
                    case "channelsPerHost" -> 8;
                    case "reconnectMin" -> Duration.ofSeconds(1);
                    case "reconnectMax" -> Duration.ofSeconds(60);
                    case "privateKeyFile" -> Optional.of(key);
                    case "sshUser" -> Optional.empty();
                    case "failuresBeforeDown" -> 3;
                    case "successesBeforeUp" -> 2;
                    case "enabled" -> true;
                    case "readyEvery" -> "15s";
                    case "statusEvery" -> "5m";
                    case "hashCode" -> 0;
                    case "equals" -> false;
                    case "toString" -> "probes";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (MonitoringConfig) Proxy.newProxyInstance(ProbeSweepBench.class.getClassLoader(),
                new Class<?>[] { MonitoringConfig.class }, (proxy, method, a) -> switch (method.getName()) {
                    case "probes" -> probes;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
