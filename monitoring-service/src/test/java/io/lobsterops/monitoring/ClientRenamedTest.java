package io.lobsterops.monitoring;

import static io.lobsterops.monitoring.MonitoringTest.PATIENCE;
import static io.lobsterops.monitoring.MonitoringTest.monitoring;
import static io.lobsterops.monitoring.MonitoringTest.newClientId;
import static io.lobsterops.monitoring.MonitoringTest.openedAndAwaited;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.testkit.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** provisioning's client.renamed: every engagement of the client shows the corrected name (ADR 0059). */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ClientRenamedTest {

    @Test
    void everyEngagementOfTheClientTakesTheCorrectedName() {
        String clientId = newClientId();
        EngagementOpened first = openedAndAwaited(clientId);
        EngagementOpened second = openedAndAwaited(clientId);
        EngagementOpened other = openedAndAwaited(newClientId());
        ClientRenamed renamed = Events.renamed(clientId, first.clientName(), "Corrected " + clientId);
        String id = Events.publish(renamed);
        Events.publish(id, renamed);   // delivered twice
        await().atMost(PATIENCE).untilAsserted(() -> {
            monitoring(first.engagementId()).body("clientName", equalTo("Corrected " + clientId));
            monitoring(second.engagementId()).body("clientName", equalTo("Corrected " + clientId));
        });
        monitoring(other.engagementId()).body("clientName", equalTo(other.clientName()));
    }
}
