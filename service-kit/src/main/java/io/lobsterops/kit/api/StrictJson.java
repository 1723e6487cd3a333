package io.lobsterops.kit.api;

import java.io.IOException;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * How every service reads a request body (ADR 0043): the application's {@link ObjectMapper} made strict. A JSON value
 * of the wrong type is refused instead of coerced ({@code "clientId": true}, {@code "sshPort": "3"},
 * {@code "capacity": 1.5} are 400s naming the field), a key given twice is refused, and every string passes
 * {@link SafeText}. Only request bodies: events and stored JSON keep the application's mapper.
 */
@Provider
public class StrictJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictJson(ObjectMapper application) {
        this.strict = strict(application);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }

    /** A strict copy of {@code base}; the base is left as it is. */
    public static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper mapper = base.copy();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] { LogicalType.Integer, LogicalType.Float }) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("lobsterops-safe-text").addDeserializer(String.class,
                new SafeStringDeserializer()));
        return mapper;
    }

    /** A JSON string, never a number or boolean, refused when it holds a character {@link SafeText} refuses. */
    static final class SafeStringDeserializer extends StdScalarDeserializer<String> {

        SafeStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            int unsafe = SafeText.firstUnsafe(text);
            if (unsafe >= 0) {
                throw new UnsafeTextException(p, SafeText.describe(text, unsafe));
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }
}
