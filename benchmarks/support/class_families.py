#!/usr/bin/env python3
"""How many classes a JVM loaded, by family, from its `-Xlog:class+load` file: what the class metadata (and the
start-up spent loading it) is made of. Also how many came from the AOT cache or the JDK's archive ("shared").

    python3 class_families.py CLASS_LOAD_LOG
"""
import collections
import re
import sys

FAMILIES = [
    ("io.lobsterops.", "our code"),
    ("org.hibernate.reactive.", "Hibernate Reactive"),
    ("org.hibernate.validator.", "Hibernate Validator"),
    ("org.hibernate.", "Hibernate ORM"),
    ("net.bytebuddy.", "Byte Buddy"),
    ("org.apache.kafka.", "Kafka client"),
    ("io.smallrye.reactive.messaging.", "SmallRye Reactive Messaging"),
    ("io.netty.", "Netty"),
    ("io.vertx.pgclient.", "Vert.x PostgreSQL client"),
    ("io.vertx.sqlclient.", "Vert.x SQL client"),
    ("io.vertx.", "Vert.x"),
    ("org.jboss.resteasy.reactive.", "RESTEasy Reactive"),
    ("io.quarkus.resteasy.reactive.", "RESTEasy Reactive"),
    ("io.quarkus.oidc.", "OIDC"),
    ("org.jose4j.", "jose4j"),
    ("io.smallrye.jwt.", "SmallRye JWT"),
    ("org.flywaydb.", "Flyway"),
    ("org.postgresql.", "PostgreSQL JDBC"),
    ("io.agroal.", "Agroal"),
    ("com.arjuna.", "Narayana JTA"),
    ("io.narayana.", "Narayana JTA"),
    ("org.jboss.tm.", "Narayana JTA"),
    ("io.micrometer.", "Micrometer"),
    ("io.quarkus.micrometer.", "Micrometer"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("io.smallrye.mutiny.", "Mutiny"),
    ("io.smallrye.", "SmallRye other"),
    ("org.eclipse.jgit.", "JGit"),
    ("net.schmizz.", "sshj"),
    ("com.hierynomus.", "sshj"),
    ("org.bouncycastle.", "Bouncy Castle"),
    ("io.quarkus.arc.", "ArC (CDI)"),
    ("io.quarkus.", "Quarkus other"),
    ("org.jboss.logging.", "JBoss Logging/LogManager"),
    ("org.jboss.logmanager.", "JBoss Logging/LogManager"),
    ("java.", "JDK"),
    ("javax.", "JDK"),
    ("jdk.", "JDK"),
    ("sun.", "JDK"),
    ("com.sun.", "JDK"),
]


def family(name):
    for prefix, label in FAMILIES:
        if name.startswith(prefix):
            return label
    return "other"


def main(path):
    counts, shared = collections.Counter(), collections.Counter()
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.search(r"\]\s*(\S+) source: (.*)$", line)
        if not m:
            continue
        name = m.group(1)
        # generated proxies and lambdas carry their owner's package
        fam = family(name)
        counts[fam] += 1
        if "shared" in m.group(2):
            shared[fam] += 1
    total = sum(counts.values())
    print(f"{total} classes loaded, {sum(shared.values())} of them from the AOT cache or the JDK's archive:")
    for fam, n in counts.most_common():
        print(f"  {n:6d}  {100 * n / total:4.1f}%  {fam}  ({shared[fam]} shared)")


if __name__ == "__main__":
    main(sys.argv[1])
