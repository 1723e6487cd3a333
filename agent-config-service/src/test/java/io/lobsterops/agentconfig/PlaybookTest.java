package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.ProposalTest.approve;
import static io.lobsterops.agentconfig.ProposalTest.engagementWithAgent;
import static io.lobsterops.agentconfig.ProposalTest.propose;
import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.domain.AgentDefinition;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The client's Agent Playbook: rendered with every release, in the repository, downloadable by its client only. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class PlaybookTest {

    static String markdown(UUID engagement, String token) {
        return given().auth().oauth2(token).accept("text/markdown").get("/engagements/{id}/agent/playbook", engagement)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/markdown")).extract().asString();
    }

    static String pdfText(UUID engagement, String token) throws Exception {
        byte[] pdf = given().auth().oauth2(token).accept("application/pdf")
                .get("/engagements/{id}/agent/playbook", engagement).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void everyReleaseCarriesThePlaybookItsClientDownloadsAsMarkdownAndPdf() throws Exception {
        String clientId = newClientId();
        String company = "Brasserie Dupont " + clientId.substring(7);
        EngagementOpened opened = engagementWithAgent(clientId, company, AgentDefinitionTest.ANSWERS);
        UUID engagement = opened.engagementId();
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).accept("application/pdf")
                .get("/engagements/{id}/agent/playbook", engagement).then(), 404, "not-found");

        JsonPath proposal = propose(engagement, Tokens.engineer());
        JsonPath released = approve(engagement, proposal.getString("id"));

        String markdown = markdown(engagement, Tokens.client(clientId));
        assertTrue(markdown.startsWith("# " + company + " assistant: your Agent Playbook"), markdown);
        for (String expected : List.of(company, "07:30 (Europe/Paris)", "Write to it in Slack",
                "Summarise overnight delivery incidents", "Any message that leaves the team's own channel",
                "Pending lawsuits", "## How to escalate", "## Whom to contact", "support@agency.example")) {
            assertTrue(markdown.contains(expected), expected + " in\n" + markdown);
        }
        AgentDefinition.MANDATORY_L3.forEach(rule -> assertTrue(markdown.contains("- " + rule), rule));
        // nothing of the agency's: no host, no history, no reviewer, no repository
        for (String internal : List.of("eric", "sophie", proposal.getString("commit"), released.getString("releaseTag"),
                ".git", "lobsterops.local", "proposal", "127.0.0.1", "workspace/")) {
            assertFalse(java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(internal) + "\\b")
                    .matcher(markdown).find(), internal + " in\n" + markdown);
        }

        String text = pdfText(engagement, Tokens.client(clientId));
        assertTrue(text.contains(company), text);
        assertTrue(text.contains("07:30 (Europe/Paris)"), text);
        AgentDefinition.MANDATORY_L3.forEach(rule -> assertTrue(text.contains(rule), rule + " in " + text));
        assertTrue(text.contains("What it will never do") && text.contains("Salaries"), text);

        // the release commit holds it at the repository's root, beside the gateway's files, not among them
        try (Repository repo = ProposalTest.openBare(clientId); RevWalk walk = new RevWalk(repo)) {
            assertEquals(proposal.getString("commit"), repo.resolve("refs/heads/main").name());
            TreeWalk tree = TreeWalk.forPath(repo, "PLAYBOOK.md",
                    walk.parseCommit(repo.resolve("refs/heads/main")).getTree());
            assertEquals(markdown, new String(repo.open(tree.getObjectId(0)).getBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(markdown, markdown(engagement, Tokens.engineer()), "staff read the same guide");
    }

    @Test
    void theNextReleaseCarriesTheChangedPlaybookAndAnotherClientGetsNone() throws Exception {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS)
                .engagementId();
        approve(engagement, propose(engagement, Tokens.engineer()).getString("id"));
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("dailyCycle", Map.of("times", List.of("06:45", "17:15"), "timezone", "Europe/Paris",
                        "sources", List.of()),
                        "activities", List.of(Map.of("name", "Check carrier tariffs", "cadence", "WEEKLY")),
                        "autonomy", Map.of("l1", List.of("Brief the team"), "l2", List.of("Reply to a carrier"),
                                "l3", List.of("Cancel a shipment"))))
                .patch("/engagements/{id}/agent", engagement).then().statusCode(200);
        String before = markdown(engagement, Tokens.client(clientId));
        assertFalse(before.contains("06:45"), "a draft is not the client's until it is released");

        approve(engagement, propose(engagement, Tokens.engineer()).getString("id"));
        String text = pdfText(engagement, Tokens.client(clientId));
        for (String expected : List.of("06:45 (Europe/Paris)", "17:15 (Europe/Paris)", "Cancel a shipment",
                "Reply to a carrier", "Check carrier tariffs: every Monday")) {
            assertTrue(text.contains(expected), expected + " in " + text);
        }

        String other = newClientId();
        assertProblem(given().auth().oauth2(Tokens.client(other)).accept("application/pdf")
                .get("/engagements/{id}/agent/playbook", engagement).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(other)).accept("text/markdown")
                .get("/engagements/{id}/agent/playbook", engagement).then(), 404, "not-found");
        assertProblem(given().accept("application/pdf").get("/engagements/{id}/agent/playbook", engagement).then(),
                401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).accept("application/pdf")
                .get("/engagements/{id}/agent/playbook", UUID.randomUUID()).then(), 404, "not-found");
    }
}
