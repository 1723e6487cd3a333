package io.lobsterops.kit.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string holding a character {@link SafeText} refuses; Jackson adds the field's path on its way out. */
public class UnsafeTextException extends MismatchedInputException {

    private final String what;

    public UnsafeTextException(JsonParser parser, String what) {
        super(parser, "text contains " + what, String.class);
        this.what = what;
    }

    /** The refused character and where: {@code U+0000 (a control character) at position 3}. */
    public String what() {
        return what;
    }
}
