package io.lobsterops.agentconfig.domain;

import java.util.regex.Pattern;

/** A client id names a directory ({@code <client-id>.git}): only a lower-case slug is accepted. */
public final class ClientIds {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ClientIds() {
    }

    public static boolean valid(String clientId) {
        return clientId != null && SLUG.matcher(clientId).matches();
    }
}
