package io.onegrid.gateway.installer;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows as left-aligned columns, each as wide as its widest cell, for a terminal or a pipe alike. */
final class Table {
    private Table() {
    }

    static void print(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) sb.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.println(sb);
        }
    }
}
