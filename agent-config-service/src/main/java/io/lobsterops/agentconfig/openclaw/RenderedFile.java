package io.lobsterops.agentconfig.openclaw;

/**
 * One file of a rendering: its path in the client repository, its content, and which constitutive file of the
 * playbook it carries (e.g. {@code USER.md} carries the seeds' {@code CONTEXT.md}).
 */
public record RenderedFile(String path, String content, String carries) {

    public int characters() {
        return content.length();
    }
}
