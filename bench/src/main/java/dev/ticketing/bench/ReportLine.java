package dev.ticketing.bench;

import java.util.List;
import java.util.function.Function;

/**
 * One line of the benchmark report ({@link Report}): which benchmark runs with which arguments (the full report's and
 * {@code --quick}'s), and how its {@link ResultLine} records read in the report. The lines themselves are in
 * {@link ReportLines}.
 *
 * @param id        the line's short name ({@code --only} takes it; its output and log files are named by it)
 * @param title     the section's heading
 * @param bench     the benchmark's subcommand of {@link Bench}
 * @param fullArgs  its arguments in the full report
 * @param quickArgs its arguments with {@code --quick} (short durations, to try the report out)
 * @param render    its records -> the figures as markdown lines, a headline for the summary and a "read as" sentence;
 *                  a missing value shows as {@code ?}, never an exception
 */
record ReportLine(String id, String title, String bench, List<String> fullArgs, List<String> quickArgs,
                  Function<ResultLine.Results, Section> render) {

    /**
     * What one line says.
     *
     * @param headline one short phrase of its main figures, for the report's summary table (no {@code |})
     * @param figures  markdown lines (tables, sentences) of all its figures
     * @param readAs   one sentence: what the figures mean
     */
    record Section(String headline, List<String> figures, String readAs) {
    }

    List<String> args(boolean quick) {
        return quick ? quickArgs : fullArgs;
    }
}
