package io.lobsterops.provisioning.fleet.domain;

import java.math.BigDecimal;

/**
 * What a model provider charges, in USD per million tokens: input, output, cache read and cache write. The gateway
 * prices each turn with it (OpenClaw's {@code models.providers.<p>.models[].cost}); a gateway without a price counts
 * tokens at cost 0, and monitoring's usage says the tokens are unpriced.
 */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {

    public ModelPrice {
        input = orZero(input);
        output = orZero(output);
        cacheRead = orZero(cacheRead);
        cacheWrite = orZero(cacheWrite);
    }

    /** The {@code cost} object OpenClaw's model entry takes (numbers only, so it is safe inside a shell script). */
    public String openclawCostJson() {
        return "{\"input\":%s,\"output\":%s,\"cacheRead\":%s,\"cacheWrite\":%s}".formatted(plain(input), plain(output),
                plain(cacheRead), plain(cacheWrite));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
