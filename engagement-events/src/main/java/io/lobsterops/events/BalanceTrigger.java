package io.lobsterops.events;

/** When the balance invoice is issued: when the agent is stable after go-live, or at the client's acceptance. */
public enum BalanceTrigger {
    AGENT_STABLE,
    CLIENT_ACCEPTANCE
}
