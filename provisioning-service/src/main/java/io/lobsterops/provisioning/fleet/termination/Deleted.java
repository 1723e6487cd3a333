package io.lobsterops.provisioning.fleet.termination;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One line of a deletion certificate: what was deleted, where (a host path, a table, the archive store), when. */
public record Deleted(String what, String where, String at) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static List<Deleted> read(String json) {
        try {
            return new ArrayList<>(JSON.readValue(json, new TypeReference<List<Deleted>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable deletion list", e);
        }
    }

    public static String write(List<Deleted> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
