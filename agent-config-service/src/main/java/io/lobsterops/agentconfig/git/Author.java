package io.lobsterops.agentconfig.git;

import java.time.Instant;

/** Who made a change, and when: becomes the commit's author. */
public record Author(String name, String email, Instant at) {

    /** A platform user known by user name only gets the platform's default address, as {@code Caller#email()} does. */
    public static Author user(String userName, Instant at) {
        return new Author(userName, userName + "@users.lobsterops.local", at);
    }

    /** Monitoring's optimizer, for a change a supervisor approved there: "optimizer (approved by sophie)". */
    public static Author optimizer(String approvedBy, Instant at) {
        return new Author(optimizerName(approvedBy), "optimizer@users.lobsterops.local", at);
    }

    public static String optimizerName(String approvedBy) {
        return "optimizer (approved by " + approvedBy + ")";
    }
}
