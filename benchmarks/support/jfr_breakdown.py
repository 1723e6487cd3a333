#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went, by library: reads `jfr print --stack-depth 96 --events
jdk.ExecutionSample` output and prints (1) self time by library, the library of the topmost frame of each sample
that is not a JDK frame (the JDK's own work is put on the library that called it), and (2) inclusive time of the
markers a read request passes through (a sample counts once for each marker anywhere in its stack).

    python3 jfr_breakdown.py SAMPLES.txt
"""
import collections
import re
import sys

# first matching prefix wins; the label names the work, not just the package
LIBRARIES = [
    ("io.lobsterops.kit.security", "our token cache (VerifiedTokens)"),
    ("io.lobsterops", "our code"),
    ("io.quarkus.oidc", "Quarkus OIDC"),
    ("org.jose4j", "jose4j (JWT)"),
    ("io.smallrye.jwt", "SmallRye JWT"),
    ("org.hibernate.reactive", "Hibernate Reactive"),
    ("org.hibernate", "Hibernate ORM"),
    ("io.vertx.pgclient", "Vert.x PostgreSQL client"),
    ("io.vertx.sqlclient", "Vert.x SQL client"),
    ("org.jboss.resteasy.reactive", "RESTEasy Reactive"),
    ("io.quarkus.resteasy.reactive", "RESTEasy Reactive"),
    ("com.fasterxml.jackson", "Jackson"),
    ("io.quarkus.security", "Quarkus security"),
    ("io.quarkus.vertx.http.runtime.security", "Quarkus HTTP security"),
    ("io.micrometer", "Micrometer"),
    ("io.quarkus.micrometer", "Micrometer"),
    ("io.smallrye.context", "context propagation"),
    ("io.smallrye.mutiny", "Mutiny"),
    ("io.quarkus.arc", "ArC (CDI)"),
    ("io.netty", "Netty"),
    ("io.vertx", "Vert.x core/web"),
    ("io.quarkus", "Quarkus other"),
    ("io.smallrye", "SmallRye other"),
]
MARKERS = [
    ("io.lobsterops.kit.security.VerifiedTokens", "token cache lookup"),
    ("io.quarkus.oidc", "OIDC"),
    ("org.hibernate.reactive", "Hibernate Reactive"),
    ("io.vertx.pgclient", "PostgreSQL client"),
    ("com.fasterxml.jackson", "JSON (Jackson)"),
    ("org.jboss.resteasy.reactive", "RESTEasy Reactive"),
    ("io.micrometer", "Micrometer"),
    ("io.netty", "Netty"),
]


def label(frame, table):
    for prefix, name in table:
        if frame.startswith(prefix):
            return name
    return None


def main(path):
    samples = []
    stack = None
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.strip()
        if line.startswith("jdk.ExecutionSample"):
            stack = []
        elif line.startswith("stackTrace") or stack is None:
            continue
        elif line.startswith("]"):
            if stack:
                samples.append(stack)
            stack = None
        else:
            m = re.match(r"([\w.$<>]+)\(", line)
            if m:
                stack.append(m.group(1))
    total = len(samples) or 1
    own = collections.Counter()
    for stack in samples:
        lib = next((label(f, LIBRARIES) for f in stack if label(f, LIBRARIES)), None)
        own[lib or "JDK only (GC, JIT, I/O threads)"] += 1
    print(f"{len(samples)} samples; self time by library (JDK frames counted to the library that called them):")
    for lib, n in own.most_common():
        print(f"  {100 * n / total:5.1f}%  {lib}")
    incl = collections.Counter()
    for stack in samples:
        for name in {label(f, MARKERS) for f in stack} - {None}:
            incl[name] += 1
    print("inclusive (a sample counts for each of these anywhere in its stack):")
    for name, n in incl.most_common():
        print(f"  {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
