package io.lobsterops.notification.support;

import static io.restassured.RestAssured.given;

/** Reads a counter from the service's Prometheus endpoint. */
public final class Metrics {

    private Metrics() {
    }

    public static double counter(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
