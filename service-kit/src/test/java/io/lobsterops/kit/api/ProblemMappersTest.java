package io.lobsterops.kit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a refused request body's problem says (ADR 0043, ADR 0053). */
class ProblemMappersTest {

    record Budget(Long monthlyUsdCents, int days) {
    }

    static String detail(String body) throws JsonProcessingException {
        ObjectMapper strict = StrictJson.strict(new ObjectMapper());
        JsonProcessingException refused = assertThrows(JsonProcessingException.class,
                () -> strict.readValue(body, Budget.class));
        Object problem = new ProblemMappers(new ObjectMapper()).malformed(refused, null).getEntity();
        return new ObjectMapper().readTree(problem.toString()).path("detail").asText();
    }

    @Test
    void aNumberTooLargeForItsFieldIsNamedNotCalledInvalidJson() throws JsonProcessingException {
        assertEquals("Field 'monthlyUsdCents' is out of range (expected a whole number).",
                detail("{\"days\":1,\"monthlyUsdCents\":99999999999999999999999}"));
        assertEquals("Field 'days' is out of range (expected a whole number).",
                detail("{\"days\":3000000000}"));
    }

    @Test
    void malformedJsonStaysMalformed() throws JsonProcessingException {
        assertEquals("The request body is not valid JSON (line 1, column 9).", detail("{\"days\":}"));
    }
}
