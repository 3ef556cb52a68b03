/* Shared by tests/test_results*.c: the report's tables/NAME.csv against the CLI's -f csv. */
#ifndef TESTS_RESULTS_H
#define TESTS_RESULTS_H

/* The datasets: "data/vn-374" (also "vn-374") and "S" (generated S, default seed).
 * tr_dataset() gives the directory to pass to a command: "../data/vn-374" (tests run in
 * tests/), or a temporary directory for "S". */
const char *tr_dataset(const char *dataset);
/* The report of @p dataset (`collabnet report DATASET`, default options), written before the
 * tests run; its directory (removed after them). */
const char *tr_report(const char *dataset);
/* The output of `collabnet ARGV... -o TMP` run in-process (argv[0] is the command name,
 * NULL-terminated), malloc'd; the test fails when the exit status is not 0. */
char *tr_cli(const char *const *argv);
/* Assert that the report's tables/@p table.csv of @p dataset is byte-identical to the CLI's
 * output for @p argv (which includes "-f", "csv" and tr_dataset(dataset)). */
void tr_same_csv(const char *dataset, const char *table, const char *const *argv);

#endif
