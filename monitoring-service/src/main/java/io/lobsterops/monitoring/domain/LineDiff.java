package io.lobsterops.monitoring.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line ({@code ---}/{@code +++} headers, {@code @@} hunks with three lines of
 * context), for showing a person how a file on a host differs from its release. The common head and tail are cut
 * first; the middle is compared by longest common subsequence when it is small enough, otherwise shown as one
 * replaced block. The output stops after {@value #MAX_LINES} lines and says so.
 */
public final class LineDiff {

    static final int CONTEXT = 3;
    static final int MAX_LINES = 200;
    static final long MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    private record Op(char kind, String line, int oldLine, int newLine) {
    }

    /** The diff from {@code before} (named {@code beforeName}) to {@code after}; empty when they are equal. */
    public static String unified(String beforeName, String before, String afterName, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if (a.equals(b)) {
            return "";
        }
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder("--- ").append(beforeName).append('\n')
                .append("+++ ").append(afterName).append('\n');
        int written = 2;
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are at most 2 × CONTEXT lines apart
            while (end < ops.size()) {
                if (ops.get(end).kind() != ' ') {
                    end++;
                    continue;
                }
                int next = end;
                while (next < ops.size() && ops.get(next).kind() == ' ') {
                    next++;
                }
                if (next < ops.size() && next - end <= 2 * CONTEXT) {
                    end = next;
                } else {
                    end = Math.min(ops.size(), end + CONTEXT);
                    break;
                }
            }
            List<Op> hunk = ops.subList(start, end);
            int oldStart = hunk.stream().filter(o -> o.kind() != '+').mapToInt(Op::oldLine).findFirst().orElse(0);
            int newStart = hunk.stream().filter(o -> o.kind() != '-').mapToInt(Op::newLine).findFirst().orElse(0);
            long oldCount = hunk.stream().filter(o -> o.kind() != '+').count();
            long newCount = hunk.stream().filter(o -> o.kind() != '-').count();
            out.append("@@ -").append(oldStart).append(',').append(oldCount).append(" +").append(newStart)
                    .append(',').append(newCount).append(" @@\n");
            written++;
            for (Op op : hunk) {
                if (written >= MAX_LINES) {
                    return out.append("… (diff cut after ").append(MAX_LINES).append(" lines)\n").toString();
                }
                out.append(op.kind()).append(op.line()).append('\n');
                written++;
            }
            i = end;
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split("\r?\n", -1);
        return List.of(parts).subList(0, text.endsWith("\n") ? parts.length - 1 : parts.length);
    }

    private static List<Op> ops(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            ops.add(new Op(' ', a.get(k), k + 1, k + 1));
        }
        List<String> midA = a.subList(head, a.size() - tail);
        List<String> midB = b.subList(head, b.size() - tail);
        if ((long) midA.size() * midB.size() <= MAX_CELLS) {
            lcs(midA, midB, head, ops);
        } else {
            for (int k = 0; k < midA.size(); k++) {
                ops.add(new Op('-', midA.get(k), head + k + 1, head + 1));
            }
            for (int k = 0; k < midB.size(); k++) {
                ops.add(new Op('+', midB.get(k), head + midA.size() + 1, head + k + 1));
            }
        }
        for (int k = 0; k < tail; k++) {
            int oldIndex = a.size() - tail + k;
            int newIndex = b.size() - tail + k;
            ops.add(new Op(' ', a.get(oldIndex), oldIndex + 1, newIndex + 1));
        }
        return ops;
    }

    private static void lcs(List<String> a, List<String> b, int offset, List<Op> ops) {
        int n = a.size();
        int m = b.size();
        int[][] length = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                length[i][j] = a.get(i).equals(b.get(j)) ? length[i + 1][j + 1] + 1
                        : Math.max(length[i + 1][j], length[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), offset + i + 1, offset + j + 1));
                i++;
                j++;
            } else if (i < n && (j == m || length[i + 1][j] >= length[i][j + 1])) {
                ops.add(new Op('-', a.get(i), offset + i + 1, offset + j + 1));
                i++;
            } else {
                ops.add(new Op('+', b.get(j), offset + i + 1, offset + j + 1));
                j++;
            }
        }
    }
}
