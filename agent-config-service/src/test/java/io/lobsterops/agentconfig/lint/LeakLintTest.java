package io.lobsterops.agentconfig.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.agentconfig.domain.AgentDefinition;

/** The leak lint on its own: a table of planted secrets it must catch, and look-alikes it must let through. */
class LeakLintTest {

    static final LeakLint.Context CONTEXT = new LeakLint.Context(List.of("Project Krill", "internal cost"),
            List.of("Acme Logistics", "acme"), List.of("Globex", "globex", "Acme", "Initech"));

    /** A clean AGENTS.md, so that only the planted line can produce a finding. */
    static final String AGENTS = "# Rules\n\n## L3 — forbidden\n" + String.join("\n",
            AgentDefinition.MANDATORY_L3.stream().map(rule -> "- " + rule).toList()) + "\n";

    static List<Finding> scanLine(String line) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("workspace/AGENTS.md", AGENTS);
        files.put("workspace/SOUL.md", "# Soul\n\nYou help Acme Logistics.\n" + line + "\n");
        return LeakLint.scan(files, CONTEXT);
    }

    static Stream<Arguments> plantedSecrets() {
        return Stream.of(
                Arguments.of("credential/openai-key", "sk-proj-4fT9xQ2mZ7LpK8vR3nW6yB1cD5eH0jUa", "OPENAI_API_KEY=%s"),
                Arguments.of("credential/anthropic-key", "sk-ant-api03-Zx8Qm2Lp5Vt9Rk3Wn7Yb1Cd4Fh6Jg0Ks2", "use %s"),
                Arguments.of("credential/stripe-key", "sk_live_51H8xYzAbCdEfGhIjKlMnOpQr", "stripe: %s"),
                Arguments.of("credential/stripe-key", "rk_test_4eC39HqLyjWDarjtT1zdp7dc", "restricted %s"),
                Arguments.of("credential/stripe-key", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIK2LxF0a1", "webhook %s"),
                Arguments.of("credential/github-token", "ghp_1A2b3C4d5E6f7G8h9I0jK1lM2nO3pQ4rS5tU", "git %s"),
                Arguments.of("credential/github-token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv", "%s"),
                Arguments.of("credential/slack-token", "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp", "bot %s"),
                Arguments.of("credential/slack-token", "xoxp-2222222222-3333333333-4444444444-abcdef0123", "user %s"),
                Arguments.of("credential/slack-webhook",
                        "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/XyZ123abcDEF456ghiJKL789", "post to %s"),
                Arguments.of("credential/aws-access-key", "AKIAIOSFODNN7EXAMPLE", "aws id %s"),
                Arguments.of("credential/assignment", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "aws_secret_access_key = %s"),
                Arguments.of("credential/telegram-bot-token", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq",
                        "\"botToken\": \"%s\""),
                Arguments.of("credential/google-api-key", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "maps %s"),
                Arguments.of("credential/private-key", "-----BEGIN RSA PRIVATE KEY-----", "%s"),
                Arguments.of("credential/private-key", "-----BEGIN OPENSSH PRIVATE KEY-----", "%s"),
                Arguments.of("credential/jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                        "Authorization: Bearer %s"),
                Arguments.of("credential/url-credentials", "postgresql://admin:S3cretPass@", "%sdb.internal:5432/prod"),
                Arguments.of("credential/assignment", "hunter2!", "password: %s"),
                Arguments.of("credential/assignment", "9f8e7d6c5b4a39281706f5e4", "token: \"%s\""),
                Arguments.of("credential/assignment", "replace-me-now-42", "\"botToken\": \"%s\""),
                Arguments.of("credential/assignment", "Qw3rty-Uiop-Asdf-2026", "client_secret=%s"),
                Arguments.of("credential/assignment", "AbC123xyz789LmNoP", "api_key: \"%s\""),
                Arguments.of("credential/high-entropy", "7hG2kLp9QzX4vB8nM1cR6tY3wE5sA0dF2jH8", "Use %s for uploads"),
                Arguments.of("credential/hex-secret", "3f9a1c7e5b2d8064a9e1f7c3b5d20e8a6c4f1b97", "Use %s for uploads"),
                Arguments.of("credential/hex-secret",
                        "9b2e4f6a8c0d1e3f5a7b9c2d4e6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e2f", "%s"),
                Arguments.of("credential/hex-secret", "A4F19C07E2B85D3C6A9F0E1B7D2C4A8E", "X-Relay-Auth %s"),
                Arguments.of("credential/hex-secret", "3f1c2a9e8b7d4c6e9a1f2b3c4d5e6f70", "Ping (%s) daily"),
                Arguments.of("credential/hex-secret", "5e8d2c7a1f4b9e3d6c0a8f2e5b7d1c4a9e6f3b2d",
                        "Never commit this key: %s"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("plantedSecrets")
    void aPlantedSecretIsCaughtAndRedacted(String rule, String secret, String line) {
        List<Finding> findings = scanLine(line.formatted(secret));
        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.getFirst();
        assertEquals(rule, finding.rule());
        assertEquals("workspace/SOUL.md", finding.file());
        assertEquals(4, finding.line());
        assertFalse(finding.excerpt().contains(secret), "the excerpt shows the secret: " + finding.excerpt());
        assertTrue(finding.excerpt().contains("[redacted]"), finding.excerpt());
    }

    static Stream<String> cleanLookAlikes() {
        return Stream.of(
                "password: <set in the vault>",
                "token: ${TELEGRAM_BOT_TOKEN}",
                "\"tokenFile\": \"/run/secrets/telegram-bot-token\"",
                "secret: secret:telegram-bot-token",
                "Deployed release-3 at commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
                "Engagement 3f1c2a9e-8b7d-4c6e-9a1f-2b3c4d5e6f70 opened by eric",
                "image sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
                "Never ask the client for a password or an API key.",
                "Password: reset",
                "Tokens used yesterday: 12000",
                "sk-learn is the library the analysts use",
                "AKIA is the prefix of AWS access key ids",
                "See https://docs.example.com/guides/getting-started-with-the-api for details",
                "Job CamelCaseIdentifierForTheDailyBriefingJobOfTheWeek runs at 08:00",
                "Write to ada.lovelace@acme-logistics.test or https://user@example.com/inbox",
                "\"dmPolicy\": \"pairing\"",
                "Acme Logistics ships parcels across Europe",
                "Telegram support line: +33 1 23 45 67 89",
                "Brand colours #1a2b3c and #FFCC00, short hex 9fceb02 and 0x1F4A9C",
                "git commit 3f9a1c7e5b2d8064a9e1f7c3b5d20e8a6c4f1b97 fixed the briefing",
                "sha1 of the export: da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "Checksum (md5): d41d8cd98f00b204e9800998ecf8427e",
                "Image ghcr.io/acme/briefing@sha256:9b2e4f6a8c0d1e3f5a7b9c2d4e6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e2f",
                "uuid 3f1c2a9e8b7d4c6e9a1f2b3c4d5e6f70",
                "Reference 00000000000000000000000000000000000000000000",
                "Counter 12345678901234567890123456789012345678",
                "Order deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanLookAlikes")
    void aLookAlikeIsNotAFinding(String line) {
        assertEquals(List.of(), scanLine(line));
    }

    @Test
    void supplierTermsAndOtherClientsAreFindingsButTheClientsOwnNameIsNot() {
        List<Finding> findings = scanLine("Costs: see the internal cost sheet; Globex asked the same; PROJECT KRILL");
        assertEquals(List.of("other-client", "supplier-internal"), findings.stream().map(Finding::rule).toList());
        assertTrue(scanLine("Acme Logistics and acme are this client").isEmpty(),
                "another client named Acme is part of this client's own name");
        assertTrue(scanLine("Globexion is a word, not a client").isEmpty());
    }

    @Test
    void anOpenTelegramDmPolicyIsUnsafe() {
        List<Finding> findings = scanLine("\"dmPolicy\": \"open\",");
        assertEquals("unsafe/dm-policy-open", findings.getFirst().rule());
    }

    @Test
    void agentsWithoutL3OrWithoutAMandatoryL3RuleAreUnsafe() {
        Map<String, String> noL3 = Map.of("workspace/AGENTS.md", "# Rules\n\n## L1\n- brief\n");
        assertEquals(List.of("unsafe/l3-missing"), LeakLint.scan(noL3, CONTEXT).stream().map(Finding::rule).toList());
        Map<String, String> partial = Map.of("workspace/AGENTS.md", "# Rules\n\n## L3\n- "
                + AgentDefinition.MANDATORY_L3.getFirst() + "\n");
        assertEquals(2, LeakLint.scan(partial, CONTEXT).size());
        Map<String, String> noAgents = Map.of("workspace/SOUL.md", "# Soul\n");
        assertEquals("unsafe/l3-missing", LeakLint.scan(noAgents, CONTEXT).getFirst().rule());
    }
}
