package io.lobsterops.events;

/** One constitutive file of an agent at an approved commit: its workspace path, content and SHA-256. */
public record AgentFile(String path, String sha256, String content) {
}
