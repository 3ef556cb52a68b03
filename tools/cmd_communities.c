/* collabnet communities: which groups actually work together, and whether the official
 * networks match them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../libnet/results/results.h"
#include "commands.h"

enum { OPT_METHOD = 256, OPT_RESOLUTION, OPT_COMPARE, OPT_CENTRAL, OPT_SECTION };

static const char *const sections[] = { "summary", "communities", "actors", "alignment",
                                        "cohesion", "spans", NULL };
enum { SUMMARY, COMMUNITIES, ACTORS, ALIGNMENT, COHESION, SPANS, NSECTIONS };

static const cli_option options[] = {
    { "method", 0, "M",
      "leiden (default: modularity, iterated until\n"
      "stable) or louvain", OPT_METHOD },
    { "resolution", 0, "R", "resolution of the modularity, > 0 (default 1)",
      OPT_RESOLUTION },
    { "graph", 'g', "G",
      "collaboration (default: actors and their ties),\n"
      "comembership (actors tied by the networks they\n"
      "share), combined (memberships and ties), membership", 0 },
    { "projection-weight", 0, "W",
      "for comembership: count (default), newman,\n"
      "jaccard", OPT_PROJ },
    { "max-ties", 0, "N",
      "comembership: refuse (exit 65) a projection of\n"
      "more than N ties (default 10000000)", OPT_MAX_TIES },
    { "unweighted", 0, NULL, "every tie counts 1", OPT_UNWEIGHTED },
    { "seed", 0, "S", "seed of igraph's random numbers (default 1)", OPT_SEED },
    { "compare-networks", 0, NULL,
      "also compare the communities with the official\n"
      "networks: NMI, ARI, VI, cohesion, spans", OPT_COMPARE },
    { "central", 0, "N", "most central members listed per community (3)", OPT_CENTRAL },
    { "section", 's', "NAME",
      "only this table: summary, communities, actors,\n"
      "alignment, cohesion, spans (the last three with\n"
      "--compare-networks; -f csv prints one table:\n"
      "communities unless -s)", OPT_SECTION },
    CLI_OUTPUT_OPTIONS,
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_communities_spec = {
    "communities", "communities [OPTIONS] DATASET_DIR",
    "Communities of the chosen graph (Leiden or Louvain, by igraph), one row per\n"
    "community, or per actor with -s actors, and the partition's modularity.\n",
    options,
    "Communities are numbered from 1, largest first. An actor with no tie in the\n"
    "graph is a community of its own, flagged isolated. The modularity is\n"
    "Newman-Girvan's at resolution 1, with tie weights unless --unweighted (README\n"
    "\"Communities\"). The same seed gives the same output, byte for byte.\n"
    "--compare-networks compares the communities with each actor's primary network\n"
    "(the one it leads, else the lowest-level one it is a direct member of, ties by\n"
    "id); actors in no network are left out and counted.\n\n"
    "Exit status: 0 ok, 64 usage (unknown method, resolution not > 0), 65 data error\n"
    "(a graph with no ties; no actor in a network with --compare-networks), 66 no\n"
    "such dataset, 70 internal error, 73 cannot create output, 74 I/O error.\n",
    true
};

/* The tables of this run, built once. */
typedef struct tables {
    cni_table *t[NSECTIONS];
} tables;

static int build(tables *tb, const cn_graph *g, const cn_communities *c, bool compare,
                 size_t central)
{
    cn_community_alignment a;
    int rc;

    if ((rc = cni_communities_summary_table(&tb->t[SUMMARY], g, c)) < 0
        || (rc = cni_communities_table(&tb->t[COMMUNITIES], g, c, central)) < 0
        || (rc = cni_communities_actors_table(&tb->t[ACTORS], g, c)) < 0 || !compare) {
        return rc;
    }
    if ((rc = cn_communities_align(&a, c)) < 0
        || (rc = cni_communities_alignment_table(&tb->t[ALIGNMENT], &a)) < 0
        || (rc = cni_communities_cohesion_table(&tb->t[COHESION], g, c)) < 0) {
        return rc;
    }
    return cni_communities_spans_table(&tb->t[SPANS], g, c);
}

static int emit(FILE *fp, const tables *tb, cli_format format, int section)
{
    cni_doc *d = NULL;
    int rc = 0;

    if (format == FORMAT_JSON && section < 0) {
        if ((rc = cni_communities_doc(&d, tb->t[SUMMARY], tb->t[COMMUNITIES], tb->t[ACTORS],
                                      tb->t[ALIGNMENT], tb->t[COHESION], tb->t[SPANS]))
            == 0) {
            rc = cli_write_doc(fp, d);
        }
        cni_doc_destroy(d);
        return rc;
    }
    if (section >= 0 || format != FORMAT_TABLE) {
        return cli_write_table(fp, format, tb->t[section >= 0 ? section : COMMUNITIES]);
    }
    for (int k = 0; k < NSECTIONS && rc == 0; k++) {
        if (k == ACTORS || !tb->t[k]) {
            continue;
        }
        if (k > 0) {
            fputc('\n', fp);
        }
        rc = cli_write_table(fp, format, tb->t[k]);
    }
    return rc;
}

int cmd_communities(int argc, char **argv)
{
    cli_centrality ca = CLI_CENTRALITY_INIT; /* -g, --projection-weight, --unweighted, --seed */
    cn_community_options o = CN_COMMUNITY_OPTIONS_INIT;
    cli_dataset_opts dopts = { 0 };
    bool compare = false;
    size_t central = 3;
    int section = -1;
    cn_graph *g = NULL;
    cn_communities *comm = NULL;
    tables tb = { { NULL } };
    cli_out out;
    cli_parser p;
    char *end;
    int c, status = EXIT_OK;

    cli_parse_begin(&p, &cmd_communities_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case OPT_METHOD:
            if (cn_community_method_parse(&o.method, optarg) < 0) {
                cli_error("unknown method '%s' (expected leiden or louvain)", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_RESOLUTION:
            o.resolution = strtod(optarg, &end);
            if (end == optarg || *end || !isfinite(o.resolution) || !(o.resolution > 0)) {
                cli_error("--resolution needs a number > 0, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_COMPARE: compare = true; break;
        case OPT_CENTRAL:
            if (!cli_parse_size(optarg, &central)) {
                cli_error("--central needs a non-negative integer, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_SECTION:
            for (section = 0; sections[section] && strcmp(sections[section], optarg); section++) {
            }
            if (!sections[section] || (section >= ALIGNMENT && !compare)) {
                cli_error(sections[section] ? "-s %s needs --compare-networks"
                                            : "unknown section '%s' (expected summary, "
                                              "communities, actors, alignment, cohesion or "
                                              "spans)", optarg);
                return EXIT_USAGE;
            }
            break;
        default:
            if (cli_centrality_option(&ca, c, optarg, &status) && status != EXIT_OK) {
                return status;
            }
            break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    o.view = ca.o.view;
    o.projection = ca.o.projection;
    o.weighted = ca.o.weighted;
    o.seed = ca.o.seed;
    o.max_ties = ca.o.max_ties;
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    status = cli_status(cn_communities_compute(&comm, g, &o));
    if (status == EXIT_OK) {
        status = cli_status(build(&tb, g, comm, compare, central));
    }
    if (status == EXIT_OK && (status = cli_out_open(&out, dopts.output)) == EXIT_OK) {
        int rc = emit(out.fp, &tb, dopts.format, section);
        if (rc < 0) {
            status = cli_status(rc);
            cli_out_abort(&out);
        } else {
            status = cli_out_commit(&out);
        }
    }
    for (int k = 0; k < NSECTIONS; k++) {
        cni_table_destroy(tb.t[k]);
    }
    cn_communities_destroy(comm);
    cn_graph_destroy(g);
    return status;
}
