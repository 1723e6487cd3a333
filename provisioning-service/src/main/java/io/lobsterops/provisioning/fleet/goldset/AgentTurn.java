package io.lobsterops.provisioning.fleet.goldset;

import static io.lobsterops.provisioning.fleet.ssh.Shell.quote;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.provisioning.fleet.goldset.GoldSetScoring.Answer;
import io.lobsterops.provisioning.fleet.openclaw.RemoteHost;
import io.lobsterops.provisioning.fleet.ssh.CommandResult;

/**
 * One agent turn on the gateway, in a session of its own: {@code openclaw agent --agent A --session-key K
 * --message-file F --json} (docs/openclaw.md). The prompt travels on stdin into a 0600 temporary file, never in a
 * command line; the CLI reaches the gateway with the profile's own configuration, so no token is passed either.
 */
final class AgentTurn {

    /** How long one turn may take on the gateway; the SSH command waits a little longer. */
    static final int TURN_SECONDS = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentTurn() {
    }

    public static Answer ask(RemoteHost host, String profile, String agentId, String sessionKey, String prompt) {
        CommandResult result = host.run("""
                set -eu
                umask 077; f="$(mktemp)"; trap 'rm -f "$f"' EXIT
                cat > "$f"
                openclaw --profile %1$s agent --agent %2$s --session-key %3$s --message-file "$f" --timeout %4$d --json
                """.formatted(quote(profile), quote(agentId), quote("agent:" + agentId + ":" + sessionKey),
                TURN_SECONDS), prompt, Duration.ofSeconds(TURN_SECONDS + 30));
        if (result.timedOut()) {
            return Answer.failed("the turn timed out after " + (TURN_SECONDS + 30) + " s");
        }
        String out = result.stdout();
        int start = out.indexOf('{');
        if (!result.ok() || start < 0) {
            return Answer.failed("exit " + result.exitStatus() + ": " + firstLine(result.stderr().isBlank()
                    ? out : result.stderr()));
        }
        try {
            JsonNode reply = JSON.readTree(out.substring(start));
            if (!"ok".equals(reply.path("status").asText())) {
                return Answer.failed("status " + reply.path("status").asText("unknown") + ": "
                        + firstLine(reply.path("summary").asText("")));
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode payload : reply.path("result").path("payloads")) {
                if (payload.hasNonNull("text")) {
                    text.append(text.isEmpty() ? "" : "\n").append(payload.get("text").asText());
                }
            }
            return Answer.of(text.toString());
        } catch (Exception e) {
            return Answer.failed("the agent's answer could not be read");
        }
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
