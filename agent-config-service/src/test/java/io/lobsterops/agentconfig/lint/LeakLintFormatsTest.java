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

/**
 * The leak lint against the common credential formats, one by one (issue 16, ADR 0045): each planted value is caught
 * (and redacted), and a look-alike of the same shape that is no secret is let through. Also: the other-client rule
 * matches distinctive names only, and a cost the agency pays is caught next to a supplier's name.
 */
class LeakLintFormatsTest {

    static List<Finding> scan(String line, LeakLint.Context context) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("workspace/AGENTS.md", LeakLintTest.AGENTS);
        files.put("workspace/SOUL.md", "# Soul\n\nYou help Acme Logistics.\n" + line + "\n");
        return LeakLint.scan(files, context);
    }

    static List<Finding> scan(String line) {
        return scan(line, LeakLintTest.CONTEXT);
    }

    /** format, planted line, the secret in it, a clean look-alike line. */
    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("GitLab personal access token", "gitlab: glpat-x8Kq2LmN4pR7sT9vW1yZ", "glpat-x8Kq2LmN4pR7sT9vW1yZ",
                        "GitLab tokens start with glpat- followed by twenty characters"),
                Arguments.of("GitLab deploy token", "deploy with gldt-Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op", "gldt-Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op",
                        "gldt is GitLab's prefix for deploy tokens"),
                Arguments.of("GitHub fine-grained token", "git github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv",
                        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv", "github_pat_ is the fine-grained prefix"),
                Arguments.of("GitHub OAuth token", "oauth gho_16C7e42F292c6912E7710c838347Ae178B4a",
                        "gho_16C7e42F292c6912E7710c838347Ae178B4a", "gho_ tokens come from the OAuth flow"),
                Arguments.of("Slack bot token", "bot xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
                        "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp", "Slack bot tokens begin with xoxb-"),
                Arguments.of("Slack app token", "socket xapp-1-A0123BCDEF-1234567890-abcdef0123",
                        "xapp-1-A0123BCDEF-1234567890-abcdef0123", "Socket Mode needs an xapp- token"),
                Arguments.of("Stripe secret key", "stripe: sk_live_51H8xYzAbCdEfGhIjKlMnOpQr", "sk_live_51H8xYzAbCdEfGhIjKlMnOpQr",
                        "Stripe live keys start with sk_live_"),
                Arguments.of("AWS access key id", "aws id AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE",
                        "AKIA is the prefix of AWS access key ids"),
                Arguments.of("AWS role key id", "role AROAJQABLZS4A3QDU576", "AROAJQABLZS4A3QDU576",
                        "AROA means a role in AWS ids"),
                Arguments.of("AWS secret in .env", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}"),
                Arguments.of("Google API key", "maps AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
                        "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "Google API keys start with AIza"),
                Arguments.of("Google OAuth client secret", "oauth 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",
                        "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", "client secrets start with GOCSPX-"),
                Arguments.of("Google access token", "use ya29.a0AfH6SMBx7Yk2Lp9Qz3Rt5Wv8", "ya29.a0AfH6SMBx7Yk2Lp9Qz3Rt5Wv8",
                        "ya29 tokens expire after an hour"),
                Arguments.of("OpenAI project key", "OPENAI_API_KEY=sk-proj-4fT9xQ2mZ7LpK8vR3nW6yB1cD5eH0jUa",
                        "sk-proj-4fT9xQ2mZ7LpK8vR3nW6yB1cD5eH0jUa", "OPENAI_API_KEY=<from the vault>"),
                Arguments.of("Anthropic key", "use sk-ant-api03-Zx8Qm2Lp5Vt9Rk3Wn7Yb1Cd4Fh6Jg0Ks2",
                        "sk-ant-api03-Zx8Qm2Lp5Vt9Rk3Wn7Yb1Cd4Fh6Jg0Ks2", "sk-ant- is the key prefix; never paste one"),
                Arguments.of("Telegram bot token", "\"botToken\": \"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq\"",
                        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq", "\"botTokenFile\": \"/run/secrets/bot\""),
                Arguments.of("JWT", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                        "A JWT has three parts separated by dots"),
                Arguments.of("Bearer header", "Authorization: Bearer 8c1e1Zx_k2Lm9Np4Qr7St0Uv3Wx6Yz",
                        "8c1e1Zx_k2Lm9Np4Qr7St0Uv3Wx6Yz", "Send the Authorization: Bearer header"),
                Arguments.of("private key block", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----",
                        "-----BEGIN PUBLIC KEY-----"),
                Arguments.of("PGP private key block", "-----BEGIN PGP PRIVATE KEY BLOCK-----",
                        "-----BEGIN PGP PRIVATE KEY BLOCK-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----"),
                Arguments.of("npm token", "//registry/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
                        "npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "npm tokens begin with npm_"),
                Arguments.of("SendGrid key", "mail 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",
                        "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", "SG.example is no key"),
                Arguments.of("Hugging Face token", "hf hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
                        "hf_ is Hugging Face's prefix"),
                Arguments.of("YAML password", "  db_password: Zq8!mK2pL", "Zq8!mK2pL", "  db_password: ${DB_PASSWORD}"),
                Arguments.of("something_password assignment", "something_password = \"S3cr3t-Value\"", "S3cr3t-Value",
                        "something_password = \"\" # set at deploy"),
                Arguments.of("camelCase JSON secret", "{\"smtpPassword\": \"n0t-So-Hidden\"}", "n0t-So-Hidden",
                        "{\"smtpPasswordFile\": \"/run/secrets/smtp\"}"),
                Arguments.of(".env token", "TELEGRAM_BOT_TOKEN=7y2Kp9Lm4Qx8", "7y2Kp9Lm4Qx8", "TELEGRAM_BOT_TOKEN="),
                Arguments.of("shell export", "export STRIPE_SECRET='rk9Q2mLp7xZ4'", "rk9Q2mLp7xZ4", "export STRIPE_SECRET=\"$(cat /run/secrets/stripe)\""),
                Arguments.of("shell flag", "psql --password Hx7#kL2m", "Hx7#kL2m", "psql --password --host db"),
                Arguments.of("properties", "mail.smtp.secret-key=K8s_Q2p_L9m", "K8s_Q2p_L9m", "max_tokens=4096"),
                Arguments.of("prose", "The password is hunter22 for the shared inbox", "hunter22",
                        "The password is required before the first login"),
                Arguments.of("prose in French", "Le mot de passe est Azerty123! pour la boîte", "Azerty123!",
                        "Le mot de passe est personnel"),
                Arguments.of("URL credentials", "postgresql://admin:S3cretPass@db.internal:5432/prod", "S3cretPass",
                        "postgresql://db.internal:5432/prod"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void aPlantedCredentialIsCaughtAndRedacted(String format, String planted, String secret, String lookAlike) {
        List<Finding> findings = scan(planted);
        assertEquals(1, findings.size(), format + ": " + findings);
        assertTrue(findings.getFirst().rule().startsWith("credential/"), findings.toString());
        assertFalse(findings.getFirst().excerpt().contains(secret), "the excerpt shows the secret: " + findings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void itsCleanLookAlikeIsNotAFinding(String format, String planted, String secret, String lookAlike) {
        assertEquals(List.of(), scan(lookAlike), format + ": " + lookAlike);
    }

    @Test
    void aClientNamedAfterACommonWordBlocksNobody() {
        LeakLint.Context emailIsAClient = new LeakLint.Context(List.of(), List.of("Acme Logistics", "acme"),
                List.of("Email", "email", "Slack", "slack", "true", "Daily", "Globex"));
        assertEquals(List.of(), scan("Send the daily briefing by email or Slack; reminders: true", emailIsAClient));
        assertEquals(List.of("other-client"), scan("Globex asked the same", emailIsAClient).stream()
                .map(Finding::rule).toList(), "a distinctive name is still caught");
        assertEquals(List.of(), scan("Globexion is a word, not a client", emailIsAClient));
    }

    @Test
    void aWordOfTheTemplatesIsNoClientName() {
        // "Autonomy" and "forbidden" are words of the rendered AGENTS.md template itself
        LeakLint.Context context = new LeakLint.Context(List.of(), List.of("Acme"), List.of("Autonomy", "Forbidden"));
        assertEquals(List.of(), scan("Autonomy: L1 tasks; forbidden: none", context));
    }

    @Test
    void aCostTheAgencyPaysNextToASupplierIsCaught() {
        for (String line : List.of("Runs on a Hetzner CX22 at 4,51 € a month", "OpenAI bills us $0.15 per million",
                "Claude Max: 100 USD/mois", "VPS OVH 5.99 EUR")) {
            assertEquals(List.of(LeakLint.SUPPLIER_COST), scan(line).stream().map(Finding::rule).toList(), line);
        }
        for (String line : List.of("Runs on a Hetzner server in Falkenstein", "Your plan costs 490 € a month",
                "Answer with OpenAI's tone guide in mind")) {
            assertEquals(List.of(), scan(line), line);
        }
    }

    @Test
    void suppliersAndTermsComeFromTheContext() {
        LeakLint.Context context = new LeakLint.Context(List.of("Homard Bleu"), List.of("Acme"), List.of(),
                List.of("Krakenhost"));
        assertEquals(List.of("supplier-cost"), scan("Krakenhost VPS at 12 €", context).stream().map(Finding::rule)
                .toList());
        assertEquals(List.of("supplier-internal"), scan("see homard bleu", context).stream().map(Finding::rule)
                .toList());
        assertEquals(List.of(), scan("Hetzner at 4 €", context), "the context's suppliers replace the defaults");
    }
}
