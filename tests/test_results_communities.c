/* The communities results: the report's tables against the CLI's CSV (tests/results.h). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "results.h"
#include "results/results.h"

/* tables/NAME.csv is `collabnet communities --compare-networks -s SECTION -f csv` */
static void same(const char *dataset, const char *table, const char *section)
{
    const char *argv[] = { "communities", "--compare-networks", "-s", section, "-f", "csv",
                           tr_dataset(dataset), NULL };
    tr_same_csv(dataset, table, argv);
}

Test(results_communities, tables_vn374)
{
    same("data/vn-374", "community_summary", "summary");
    same("data/vn-374", "communities", "communities");
    same("data/vn-374", "community_actors", "actors");
    same("data/vn-374", "network_alignment", "alignment");
    same("data/vn-374", "network_cohesion", "cohesion");
    same("data/vn-374", "community_networks", "spans");
}

Test(results_communities, tables_S)
{
    same("S", "communities", "communities");
    same("S", "community_networks", "spans");
}
