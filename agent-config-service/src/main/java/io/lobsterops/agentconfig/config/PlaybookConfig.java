package io.lobsterops.agentconfig.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whom a client contacts about its agent, as its Agent Playbook says (the agency's public contact, nothing internal). */
@ConfigMapping(prefix = "lobsterops.playbook")
public interface PlaybookConfig {

    /** Who answers: a team or role, never a person's login. */
    @WithDefault("Your account team")
    String contactName();

    @WithDefault("support@agency.example")
    String contactEmail();

    /** When they answer, in words. */
    @WithDefault("Monday to Friday, 9:00 to 18:00 (Europe/Paris)")
    String supportHours();
}
