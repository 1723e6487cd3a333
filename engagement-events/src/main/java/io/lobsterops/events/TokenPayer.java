package io.lobsterops.events;

/** Who pays the model tokens: the agency's provider key, re-billed with a markup, or the client's own provider account (nothing re-billed). */
public enum TokenPayer {
    AGENCY,
    CLIENT
}
