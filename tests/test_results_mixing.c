/* The mixing and brokerage results: the report's tables against the CLI's CSV (tests/results.h).
 * On S (vn-374's collaboration ties have no region at both ends: the report says so). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "results.h"

/* tables/mixing_summary.csv is `collabnet mixing --summary -f csv` */
Test(results_mixing, summary_S)
{
    const char *argv[] = { "mixing", "--summary", "-f", "csv", tr_dataset("S"), NULL };
    tr_same_csv("S", "mixing_summary", argv);
}

/* tables/mixing_groups.csv is `collabnet mixing -f csv` */
Test(results_mixing, groups_S)
{
    const char *argv[] = { "mixing", "-f", "csv", tr_dataset("S"), NULL };
    tr_same_csv("S", "mixing_groups", argv);
}

/* tables/mixing_matrix.csv is `collabnet mixing --matrix -f csv` */
Test(results_mixing, matrix_S)
{
    const char *argv[] = { "mixing", "--matrix", "-f", "csv", tr_dataset("S"), NULL };
    tr_same_csv("S", "mixing_matrix", argv);
}

/* tables/brokerage.csv and brokerage_groups.csv are `collabnet brokerage [--groups] -f csv` */
Test(results_mixing, brokerage_S)
{
    const char *argv[] = { "brokerage", "-f", "csv", tr_dataset("S"), NULL };
    tr_same_csv("S", "brokerage", argv);
}

Test(results_mixing, brokerage_groups_S)
{
    const char *argv[] = { "brokerage", "--groups", "-f", "csv", tr_dataset("S"), NULL };
    tr_same_csv("S", "brokerage_groups", argv);
}
