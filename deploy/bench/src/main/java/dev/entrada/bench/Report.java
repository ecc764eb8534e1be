package dev.entrada.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Folds the runs into medians with min–max, and writes the table, the CSV and the charts. */
final class Report {

    record Row(String scenario, String figure, String unit, String goal, String baseline,
               List<Double> values, List<Double> baselines, List<Double> ratios) {

        double median(List<Double> xs) {
            List<Double> sorted = xs.stream().filter(x -> !x.isNaN()).sorted().toList();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double min(List<Double> xs) {
            return xs.stream().filter(x -> !x.isNaN()).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max(List<Double> xs) {
            return xs.stream().filter(x -> !x.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    static List<Row> fold(List<Measurement> all) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Measurement m : all) {
            Row row = rows.computeIfAbsent(m.scenario() + "\u0000" + m.figure(), key -> new Row(m.scenario(), m.figure(),
                    m.unit(), m.goal(), m.baseline(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            row.values().add(m.value());
            if (m.baselineValue() != null) {
                row.baselines().add(m.baselineValue());
            }
            if (m.ratio() != null) {
                row.ratios().add(m.ratio());
            }
        }
        return new ArrayList<>(rows.values());
    }

    static void write(Path docs, List<Row> rows, String machine, int runs) throws IOException {
        Files.createDirectories(docs);
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Written by `./bench` (deploy/bench). Machines here are shared and noisy, so every figure that has a\n")
                .append("baseline is given as a ratio to it, measured in the same run. Each figure is the median of ")
                .append(runs).append(" runs, with min–max.\n\n")
                .append(machine).append("\n\n")
                .append("| scenario | figure | median (min–max) | baseline, same run | ratio: median (min–max) | goal |\n")
                .append("|---|---|---|---|---|---|\n");
        StringBuilder csv = new StringBuilder("scenario,figure,unit,median,min,max,baseline,baseline_median,ratio_median,ratio_min,ratio_max,goal\n");
        for (Row row : rows) {
            md.append("| ").append(row.scenario()).append(" | ").append(row.figure()).append(" | ")
                    .append(range(row, row.values(), row.unit())).append(" | ")
                    .append(row.baseline() == null ? "" : row.baseline() + ": " + number(row.median(row.baselines())) + row.unit()).append(" | ")
                    .append(row.ratios().isEmpty() ? "" : range(row, row.ratios(), "")).append(" | ")
                    .append(row.goal()).append(" |\n");
            csv.append(String.join(",", quote(row.scenario()), quote(row.figure()), quote(row.unit()),
                    csvNumber(row.median(row.values())), csvNumber(row.min(row.values())), csvNumber(row.max(row.values())),
                    quote(row.baseline() == null ? "" : row.baseline()), csvNumber(row.median(row.baselines())),
                    csvNumber(row.median(row.ratios())), csvNumber(row.min(row.ratios())), csvNumber(row.max(row.ratios())),
                    quote(row.goal()))).append('\n');
        }
        md.append("\n![ratios to their same-run baselines](benchmarks-ratios.png)\n\n")
                .append("![scan-to-verdict latency](benchmarks-scan-latency.png)\n");
        // Hand-written notes (profiling, before/after of a fix) live in their own file so a regeneration keeps them.
        Path notes = docs.resolve("benchmarks-notes.md");
        if (Files.isRegularFile(notes)) {
            md.append('\n').append(Files.readString(notes));
        }
        Files.writeString(docs.resolve("benchmarks.md"), md);
        Files.writeString(docs.resolve("benchmarks.csv"), csv);
        ratiosChart(docs.resolve("benchmarks-ratios.png"), rows);
        latencyChart(docs.resolve("benchmarks-scan-latency.png"), rows);
    }

    private static String range(Row row, List<Double> xs, String unit) {
        return number(row.median(xs)) + unit + " (" + number(row.min(xs)) + "–" + number(row.max(xs)) + ")";
    }

    /** Plain digits for the CSV: {@link #number}'s thousands separator would split a value into two columns. */
    static String csvNumber(double x) {
        return Double.isNaN(x) ? "" : new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", x)).stripTrailingZeros().toPlainString();
    }

    static String number(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        return Math.abs(x) >= 100 ? String.format(Locale.ROOT, "%,.0f", x)
                : Math.abs(x) >= 1 ? String.format(Locale.ROOT, "%.2f", x) : String.format(Locale.ROOT, "%.3f", x);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static void ratiosChart(Path file, List<Row> rows) throws IOException {
        List<Row> withRatio = rows.stream().filter(r -> !r.ratios().isEmpty()).toList();
        int width = 900;
        int rowHeight = 46;
        int height = 70 + rowHeight * Math.max(1, withRatio.size());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, "Ratio to the same-run baseline (median, min–max; | = goal)");
        double scale = Math.max(1.2, withRatio.stream().mapToDouble(r -> r.max(r.ratios())).max().orElse(1) * 1.1);
        int left = 330;
        int plot = width - left - 30;
        for (int i = 0; i < withRatio.size(); i++) {
            Row row = withRatio.get(i);
            int y = 50 + i * rowHeight;
            g.setColor(Color.DARK_GRAY);
            g.drawString(shorten(row.scenario() + ": " + row.figure(), 52), 10, y + 20);
            int bar = (int) (plot * row.median(row.ratios()) / scale);
            g.setColor(new Color(0x2e7d32));
            g.fillRect(left, y + 6, Math.max(1, bar), 20);
            g.setColor(Color.BLACK);
            int lo = left + (int) (plot * row.min(row.ratios()) / scale);
            int hi = left + (int) (plot * row.max(row.ratios()) / scale);
            g.drawLine(lo, y + 16, hi, y + 16);
            Double goal = goal(row.goal());
            if (goal != null) {
                int x = left + (int) (plot * goal / scale);
                g.setColor(Color.RED);
                g.setStroke(new BasicStroke(2));
                g.drawLine(x, y + 2, x, y + 30);
                g.setStroke(new BasicStroke(1));
            }
            g.setColor(Color.BLACK);
            g.drawString(number(row.median(row.ratios())), left + bar + 6, y + 21);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void latencyChart(Path file, List<Row> rows) throws IOException {
        List<Row> latency = rows.stream().filter(r -> r.scenario().equals(ScanScenario.NAME) && r.unit().equals("ms")).toList();
        int width = 900;
        int height = 420;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, "Scan → verdict latency at fixed arrival rates (ms, median of runs)");
        double top = Math.max(30, latency.stream().mapToDouble(r -> r.median(r.values())).max().orElse(30) * 1.15);
        int left = 60;
        int bottom = height - 60;
        int plotHeight = bottom - 60;
        int groupWidth = (width - left - 40) / Math.max(1, ScanScenario.RATES.length);
        Color[] colors = {new Color(0x1565c0), new Color(0xef6c00), new Color(0xc62828)};
        String[] percentiles = {"p50", "p99", "p99.9"};
        for (int r = 0; r < ScanScenario.RATES.length; r++) {
            int x0 = left + r * groupWidth + 20;
            for (int p = 0; p < percentiles.length; p++) {
                String figure = percentiles[p] + " at " + ScanScenario.RATES[r] + "/s";
                double value = latency.stream().filter(row -> row.figure().equals(figure)).findFirst()
                        .map(row -> row.median(row.values())).orElse(Double.NaN);
                if (Double.isNaN(value)) {
                    continue;
                }
                int h = (int) (plotHeight * Math.min(value, top) / top);
                g.setColor(colors[p]);
                g.fillRect(x0 + p * 60, bottom - h, 50, h);
                g.setColor(Color.BLACK);
                g.drawString(number(value), x0 + p * 60, bottom - h - 4);
            }
            g.drawString(ScanScenario.RATES[r] + " scans/s", x0 + 40, bottom + 20);
        }
        int goalY = bottom - (int) (plotHeight * 25 / top);
        g.setColor(Color.RED);
        g.drawLine(left, goalY, width - 20, goalY);
        g.drawString("goal p99 ≤ 25 ms at 1,000/s", width - 220, goalY - 4);
        for (int p = 0; p < percentiles.length; p++) {
            g.setColor(colors[p]);
            g.fillRect(left + p * 90, height - 28, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(percentiles[p], left + p * 90 + 20, height - 16);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static Graphics2D canvas(BufferedImage image, String title) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 10, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return g;
    }

    /** The number in a goal like "≥ 0.5"; null when the goal is not a ratio threshold. */
    private static Double goal(String goal) {
        if (goal == null || !goal.startsWith("≥")) {
            return null;
        }
        try {
            return Double.parseDouble(goal.substring(1).trim().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private Report() {
    }
}
