package io.lobsterops.agentconfig.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lobsterops.agentconfig.domain.AgentDefinition;

/**
 * The blocking leak lint: every rendered file is scanned before it may be committed, and any finding blocks the
 * commit. Four families of rules: credentials (provider key formats, private keys, secrets in assignments, high
 * entropy strings), supplier-internal terms, other clients' names, unsafe settings. A pure function: the caller
 * supplies the terms and names of the moment.
 */
public final class LeakLint {

    public static final String AGENTS_FILE = "AGENTS.md";

    private static final List<Rule> CREDENTIALS = List.of(
            new Rule("credential/private-key", "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
            new Rule("credential/anthropic-key", "\\bsk-ant-[A-Za-z0-9_-]{20,}"),
            new Rule("credential/openai-key", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
            new Rule("credential/stripe-key", "\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|\\bwhsec_[A-Za-z0-9]{16,}"),
            new Rule("credential/github-token", "\\bgh[pousr]_[A-Za-z0-9]{36,}|\\bgithub_pat_[A-Za-z0-9_]{22,}"),
            new Rule("credential/slack-token", "\\bxox[abposre]-[A-Za-z0-9-]{10,}"),
            new Rule("credential/slack-webhook", "https://hooks\\.slack\\.com/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9]+"),
            new Rule("credential/aws-access-key", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            new Rule("credential/telegram-bot-token", "\\b\\d{8,10}:[A-Za-z0-9_-]{35}\\b"),
            new Rule("credential/google-api-key", "\\bAIza[0-9A-Za-z_-]{35}\\b"),
            new Rule("credential/jwt", "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            new Rule("credential/url-credentials", "\\b[a-z][a-z0-9+.-]*://[^\\s/:@]+:[^\\s/@]{3,}@"),
            new Rule("credential/gitlab-token",
                    "\\bgl(?:pat|dt|rt|ptt|cbt|imt|ft|soat|oas|agent)-[A-Za-z0-9_-]{20,}"),
            new Rule("credential/slack-app-token", "\\bxapp-[0-9]-[A-Za-z0-9-]{10,}"),
            new Rule("credential/google-oauth", "\\bGOCSPX-[A-Za-z0-9_-]{20,}|\\bya29\\.[A-Za-z0-9_-]{20,}"),
            new Rule("credential/aws-key-id", "\\b(?:ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[0-9A-Z]{16}\\b"),
            new Rule("credential/npm-token", "\\bnpm_[A-Za-z0-9]{36}\\b"),
            new Rule("credential/pypi-token", "\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{20,}"),
            new Rule("credential/sendgrid-key", "\\bSG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}"),
            new Rule("credential/huggingface-token", "\\bhf_[A-Za-z0-9]{30,}"),
            new Rule("credential/digitalocean-token", "\\bdo[opr]_v1_[a-f0-9]{64}\\b"),
            new Rule("credential/bearer-token", "(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]{20,}=*"));

    /**
     * An assignment of a secret in YAML, JSON, .env, shell, properties or code: {@code password = value},
     * {@code "botToken": "value"}, {@code DB_PASSWORD=value}, {@code export SMTP_SECRET='value'},
     * {@code something_password := value}, {@code --api-key=value}. The key is any identifier that ends with a secret
     * word (optionally followed by -key, -value, -hash…); group 1 is the value.
     */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{0,40}?"
            + "(?:password|passwd|pwd|passphrase|passcode|secret|token|api[_-]?key|apikey|access[_-]?key"
            + "|account[_-]?key|private[_-]?key|secret[_-]?key|signing[_-]?key|encryption[_-]?key|credentials?"
            + "|aws_secret_access_key)(?:[_.-]?(?:key|value|hash|b64|base64))?(?![A-Za-z0-9])[\"']?\\s*"
            + "(?::=|=>|[:=])\\s*[\"']?([^\\s\"',;`]+)");
    /** {@code --password secret}, {@code --token value}: a command-line flag and its value. */
    private static final Pattern FLAG = Pattern.compile("(?i)(?<![A-Za-z0-9_-])--?(?:password|passwd|token|secret"
            + "|api-?key|access-?key)\\s+[\"']?([^\\s\"'-][^\\s\"']*)");
    /** In prose: "the password is hunter22", "le mot de passe est Azerty123!". */
    private static final Pattern PROSE = Pattern.compile("(?iu)\\b(?:password|passphrase|passcode|secret|token"
            + "|api key|access key|mot de passe|jeton|clé d'api|clé api)\\s+(?:is|was|est|reste|:|=)\\s+[\"'`«]?\\s*"
            + "([^\\s\"'`»]{6,})");
    /** A sum of money: 39 €, €39, $5.99, 120 USD, 4,90 EUR/mois, 12 dollars. */
    private static final Pattern MONEY = Pattern.compile("(?iu)(?:[$€£]\\s?\\d[\\d.,]*|\\b\\d[\\d.,\\u00a0 ]*\\s?"
            + "(?:€|\\$|£|eur\\b|euros?\\b|usd\\b|dollars?\\b|gbp\\b|chf\\b))");
    private static final Pattern PLACEHOLDER = Pattern.compile("(?i)^(?:<.*|\\$\\{.*|\\{\\{.*|\\$[A-Z_]+|\\$\\(.*|(?:env|file"
            + "|secret|vault)" + ":.*|!vault.*|\\[redacted\\]|x+|\\*+|\\.+|null|none|nil|true|false|yes|no|on|off"
            + "|required|optional|changeit-in-vault|\\d+|/.*|\\.{0,2}/.*)$");
    private static final Pattern CANDIDATE = Pattern.compile("[A-Za-z0-9+/=_-]{32,}");
    private static final Pattern HEX_OR_UUID = Pattern.compile("[0-9a-fA-F-]+");
    private static final Pattern DM_POLICY_OPEN = Pattern.compile("(?i)\"?dmPolicy\"?\\s*[:=]\\s*\"?open\\b");
    private static final Pattern L3_HEADING = Pattern.compile("(?m)^#{1,4} .*\\bL3\\b.*$");
    private static final double ENTROPY_THRESHOLD = 4.2;
    /**
     * A bare run of at least 32 hexadecimal digits (one case): the shape of API tokens, HMAC keys, session secrets —
     * and of commit ids and content digests, which a label tells apart (see {@link #HEX_LABEL}).
     */
    private static final Pattern HEX_RUN = Pattern.compile(
            "(?<![0-9A-Za-z_+/-])(?:[0-9a-f]{32,}|[0-9A-F]{32,})(?![0-9A-Za-z_+/-])");
    /**
     * The words before a hex run (at most three words between) that say it is an identifier or a digest, not a
     * secret: "commit 9fceb02…", "sha1 of the export: …", "checksum (md5): …", "@sha256:…".
     */
    private static final Pattern HEX_LABEL = Pattern.compile("(?i)(?:\\b(?:commit|sha|sha-?1|sha-?256|sha-?512|md5"
            + "|digest|checksum|hash|revision|rev|tree|blob|etag|fingerprint|uuid)|\\bsha(?:1|256|512)?:)"
            + "[\\s:=#\"'`()\\[\\]]*(?:[\\w-]+[\\s:=#\"'`()\\[\\]]+){0,3}$");
    /** Words that make a labelled hex run a secret again: "commit this key: …", "hash token …". */
    private static final Pattern HEX_SECRET_WORD = Pattern.compile(
            "(?i)\\b(?:key|token|secret|password|passwd|credential|bearer|auth\\w*)\\b");
    /** Random hex carries 4 bits per digit; 3.0 leaves out repeated patterns (0000…, abcabc…) only. */
    private static final double HEX_ENTROPY_THRESHOLD = 3.0;

    private LeakLint() {
    }

    /** The rule of an amount of money written on the same line as one of the agency's suppliers. */
    public static final String SUPPLIER_COST = "supplier-cost";

    /** The suppliers whose prices the agency pays, when nobody has set them (ADR 0045). */
    public static final List<String> DEFAULT_SUPPLIERS = List.of("Hetzner", "OVH", "OVHcloud", "Scaleway",
            "DigitalOcean", "Contabo", "Vultr", "Linode", "AWS", "Amazon Web Services", "Google Cloud", "GCP", "Azure",
            "OpenAI", "Anthropic", "Claude", "ChatGPT", "Mistral", "OpenRouter", "Groq", "Together AI");

    /**
     * What the lint must know besides the files: the agency's own terms, the client's names, the other clients',
     * and the suppliers next to whose name no amount may appear.
     */
    public record Context(List<String> supplierTerms, List<String> ownNames, List<String> otherClientNames,
            List<String> suppliers, java.util.Set<String> allowed) {

        public Context(List<String> supplierTerms, List<String> ownNames, List<String> otherClientNames) {
            this(supplierTerms, ownNames, otherClientNames, DEFAULT_SUPPLIERS);
        }

        public Context(List<String> supplierTerms, List<String> ownNames, List<String> otherClientNames,
                List<String> suppliers) {
            this(supplierTerms, ownNames, otherClientNames, suppliers, java.util.Set.of());
        }
    }

    /** The key of a finding a supervisor may allow for one agent: same file, rule and (redacted) line. */
    public static String allowanceKey(Finding finding) {
        return finding.file() + "\u0000" + finding.rule() + "\u0000"
                + (finding.excerpt() == null ? "" : finding.excerpt());
    }

    /** Scans {@code files} (path → content) and returns every finding, in file then line order. */
    public static List<Finding> scan(Map<String, String> files, Context context) {
        List<Finding> findings = new ArrayList<>();
        List<Rule> terms = termRules(context);
        files.forEach((path, content) -> scanFile(path, content, terms, findings));
        boolean hasAgents = files.keySet().stream().anyMatch(LeakLint::isAgentsFile);
        if (!hasAgents) {
            findings.add(new Finding(AGENTS_FILE, 0, "unsafe/l3-missing", "no AGENTS.md: the L3 rules are missing"));
        }
        findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line).thenComparing(Finding::rule));
        if (!context.allowed().isEmpty()) {
            findings.removeIf(finding -> context.allowed().contains(allowanceKey(finding)));
        }
        return findings;
    }

    private static void scanFile(String path, String content, List<Rule> terms, List<Finding> findings) {
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            List<int[]> secretSpans = new ArrayList<>();
            Map<String, Boolean> reported = new HashMap<>();
            for (Rule rule : CREDENTIALS) {
                Matcher m = rule.pattern().matcher(line);
                while (m.find()) {
                    if (overlaps(secretSpans, m.start(), m.end())) {
                        continue;
                    }
                    secretSpans.add(new int[] { m.start(), m.end() });
                    if (reported.putIfAbsent(rule.name(), true) == null) {
                        findings.add(new Finding(path, number, rule.name(), null));
                    }
                }
            }
            for (Pattern assignmentLike : new Pattern[] { ASSIGNMENT, FLAG, PROSE }) {
                Matcher assignment = assignmentLike.matcher(line);
                while (assignment.find()) {
                    String value = assignment.group(1);
                    if (overlaps(secretSpans, assignment.start(1), assignment.end(1)) || !looksLikeASecret(value)
                            || assignmentLike == PROSE && !proseSecret(value)) {
                        continue;
                    }
                    secretSpans.add(new int[] { assignment.start(1), assignment.end(1) });
                    if (reported.putIfAbsent("credential/assignment", true) == null) {
                        findings.add(new Finding(path, number, "credential/assignment", null));
                    }
                }
            }
            Matcher candidate = CANDIDATE.matcher(line);
            while (candidate.find()) {
                String token = candidate.group();
                if (overlaps(secretSpans, candidate.start(), candidate.end()) || !highEntropy(token)) {
                    continue;
                }
                secretSpans.add(new int[] { candidate.start(), candidate.end() });
                if (reported.putIfAbsent("credential/high-entropy", true) == null) {
                    findings.add(new Finding(path, number, "credential/high-entropy", null));
                }
            }
            Matcher hex = HEX_RUN.matcher(line);
            while (hex.find()) {
                if (overlaps(secretSpans, hex.start(), hex.end()) || !hexSecret(hex.group(),
                        line.substring(Math.max(0, hex.start() - 24), hex.start()))) {
                    continue;
                }
                secretSpans.add(new int[] { hex.start(), hex.end() });
                if (reported.putIfAbsent("credential/hex-secret", true) == null) {
                    findings.add(new Finding(path, number, "credential/hex-secret", null));
                }
            }
            for (Rule term : terms) {
                if (term.name().equals(SUPPLIER_COST)) {
                    if (term.pattern().matcher(line).find() && MONEY.matcher(line).find()
                            && reported.putIfAbsent(SUPPLIER_COST, true) == null) {
                        findings.add(new Finding(path, number, SUPPLIER_COST, null));
                    }
                } else if (term.pattern().matcher(line).find() && reported.putIfAbsent(term.name(), true) == null) {
                    findings.add(new Finding(path, number, term.name(), null));
                }
            }
            if (DM_POLICY_OPEN.matcher(line).find()) {
                findings.add(new Finding(path, number, "unsafe/dm-policy-open", null));
            }
            if (!reported.isEmpty() || DM_POLICY_OPEN.matcher(line).find()) {
                String excerpt = redact(line, secretSpans);
                for (int f = findings.size() - 1; f >= 0 && findings.get(f).excerpt() == null; f--) {
                    Finding found = findings.get(f);
                    findings.set(f, new Finding(found.file(), found.line(), found.rule(), excerpt));
                }
            }
        }
        if (isAgentsFile(path)) {
            checkL3(path, content, findings);
        }
    }

    private static void checkL3(String path, String content, List<Finding> findings) {
        Matcher heading = L3_HEADING.matcher(content);
        if (!heading.find()) {
            findings.add(new Finding(path, 0, "unsafe/l3-missing", "no L3 (forbidden actions) section"));
            return;
        }
        for (String rule : AgentDefinition.MANDATORY_L3) {
            if (!content.contains(rule)) {
                int line = content.substring(0, heading.start()).split("\\R", -1).length;
                findings.add(new Finding(path, line, "unsafe/l3-missing", "L3 lacks: " + rule));
            }
        }
    }

    private static boolean isAgentsFile(String path) {
        return path.equals(AGENTS_FILE) || path.endsWith("/" + AGENTS_FILE);
    }

    private static List<Rule> termRules(Context context) {
        List<Rule> rules = new ArrayList<>();
        context.supplierTerms().stream().filter(t -> t != null && t.strip().length() >= 3)
                .forEach(term -> rules.add(Rule.term("supplier-internal", term.strip())));
        List<String> own = context.ownNames().stream().filter(n -> n != null)
                .map(n -> n.toLowerCase(Locale.ROOT)).toList();
        context.suppliers().stream().filter(t -> t != null && t.strip().length() >= 2)
                .forEach(supplier -> rules.add(Rule.term(SUPPLIER_COST, supplier.strip())));
        // whole words of distinctive names only: a client named "Email", "Slack" or "true" blocks nobody
        context.otherClientNames().stream()
                .filter(n -> n != null && n.strip().length() >= 3)
                .filter(CommonWords::distinctive)
                .filter(n -> own.stream().noneMatch(mine -> mine.contains(n.strip().toLowerCase(Locale.ROOT))))
                .distinct()
                .forEach(name -> rules.add(Rule.term("other-client", name.strip())));
        return rules;
    }

    static boolean looksLikeASecret(String value) {
        if (value.length() < 6 || PLACEHOLDER.matcher(value).matches()) {
            return false;
        }
        boolean digit = value.chars().anyMatch(Character::isDigit);
        boolean symbol = value.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        return value.length() >= 8 || digit || symbol;
    }

    /** A value in prose is a secret only with a digit or a symbol in it ("the token is valid" is not). */
    static boolean proseSecret(String value) {
        String bare = value.replaceAll("[.!?:)]+$", "");
        return bare.length() >= 6 && bare.chars().anyMatch(Character::isDigit)
                || bare.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && c != '-' && c != '\'');
    }

    static boolean highEntropy(String token) {
        if (HEX_OR_UUID.matcher(token).matches()) {
            return false;
        }
        boolean letters = token.chars().anyMatch(Character::isLetter);
        boolean digits = token.chars().anyMatch(Character::isDigit);
        return letters && digits && entropy(token) >= ENTROPY_THRESHOLD;
    }

    /**
     * A hex run is a secret unless the words before it label it an identifier or digest ("commit 9fceb02…",
     * "sha256:…", "checksum: …"), or it has no letters or no digits, or too little entropy to be random.
     */
    static boolean hexSecret(String run, String before) {
        if (HEX_LABEL.matcher(before).find() && !HEX_SECRET_WORD.matcher(before).find()) {
            return false;
        }
        boolean letters = run.chars().anyMatch(Character::isLetter);
        boolean digits = run.chars().anyMatch(Character::isDigit);
        return letters && digits && entropy(run) >= HEX_ENTROPY_THRESHOLD;
    }

    static double entropy(String token) {
        Map<Integer, Integer> counts = new HashMap<>();
        token.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
        double entropy = 0;
        for (int count : counts.values()) {
            double p = (double) count / token.length();
            entropy -= p * (Math.log(p) / Math.log(2));
        }
        return entropy;
    }

    private static boolean overlaps(List<int[]> spans, int start, int end) {
        return spans.stream().anyMatch(s -> start < s[1] && end > s[0]);
    }

    /** The line, at most 160 characters, with every secret reduced to its first four characters. */
    static String redact(String line, List<int[]> secrets) {
        StringBuilder out = new StringBuilder(line);
        secrets.stream().sorted(Comparator.comparingInt((int[] s) -> s[0]).reversed()).forEach(s -> {
            String secret = line.substring(s[0], s[1]);
            out.replace(s[0], s[1], secret.substring(0, Math.min(4, secret.length() / 4)) + "…[redacted]");
        });
        String text = out.toString().strip();
        return text.length() <= 160 ? text : text.substring(0, 159) + "…";
    }

    private record Rule(String name, Pattern pattern) {

        Rule(String name, String regex) {
            this(name, Pattern.compile(regex));
        }

        static Rule term(String name, String term) {
            return new Rule(name, Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(term)
                    + "(?![\\p{L}\\p{N}])"));
        }
    }
}
