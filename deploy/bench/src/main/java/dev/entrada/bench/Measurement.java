package dev.entrada.bench;

/**
 * One figure of one run: the value, and when the scenario has one, the baseline measured in the same
 * run and their ratio (value ÷ baseline). {@code goal} is the text the results table shows.
 */
record Measurement(String scenario, String figure, double value, String unit, String baseline, Double baselineValue,
                   Double ratio, String goal) {

    static Measurement plain(String scenario, String figure, double value, String unit, String goal) {
        return new Measurement(scenario, figure, value, unit, null, null, null, goal);
    }

    static Measurement ratio(String scenario, String figure, double value, String unit, String baseline,
                             double baselineValue, String goal) {
        return new Measurement(scenario, figure, value, unit, baseline, baselineValue,
                baselineValue == 0 ? null : value / baselineValue, goal);
    }
}
