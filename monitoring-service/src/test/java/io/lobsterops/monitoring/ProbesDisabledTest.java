package io.lobsterops.monitoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.service.ProbeService.ProbesDisabled;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/** The probe rounds run only while probes are on and the application runs: not before its start, not while it stops. */
class ProbesDisabledTest {

    static MonitoringConfig probes(boolean enabled) {
        MonitoringConfig.Probes probes = (MonitoringConfig.Probes) Proxy.newProxyInstance(
                MonitoringConfig.class.getClassLoader(), new Class<?>[] { MonitoringConfig.Probes.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> enabled;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (MonitoringConfig) Proxy.newProxyInstance(MonitoringConfig.class.getClassLoader(),
                new Class<?>[] { MonitoringConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "probes" -> probes;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** What Quarkus does at start and at stop: its observers of the two events. */
    static void lifecycle(Scheduled.ApplicationNotRunning application, String observer, Object event)
            throws Exception {
        Method method = Scheduled.ApplicationNotRunning.class.getDeclaredMethod(observer, event.getClass());
        method.setAccessible(true);
        method.invoke(application, event);
    }

    @Test
    void roundsRunOnlyWhileProbesAreOnAndTheApplicationRuns() throws Exception {
        Scheduled.ApplicationNotRunning application = new Scheduled.ApplicationNotRunning();
        ProbesDisabled on = new ProbesDisabled(probes(true), application);
        ProbesDisabled off = new ProbesDisabled(probes(false), application);

        assertTrue(on.test(null), "skipped before the application started");
        lifecycle(application, "started", new StartupEvent());
        assertFalse(on.test(null), "runs once the application runs");
        assertTrue(off.test(null), "skipped while probes are off");
        lifecycle(application, "shutdown", new ShutdownEvent());
        assertTrue(on.test(null), "skipped while the application stops");
    }
}
