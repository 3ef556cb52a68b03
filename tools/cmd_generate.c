/* collabnet generate: a synthetic ecosystem in the dataset contract, for benchmarks and trials. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

enum { OPT_GENERATE_SEED = 1 };

static const cli_option options[] = {
    { "scale", 's', "S", "S, M or L", 0 },
    { "seed", 0, "N", "seed (default 1)", OPT_GENERATE_SEED },
    { "output", 'o', "DIR", "the dataset directory (created if missing; not '-')", 0 },
    CLI_OPTION_END
};

const cli_spec cmd_generate_spec = {
    "generate", "generate --scale S|M|L [--seed N] -o DIR",
    "Write a SYNTHETIC ecosystem (made-up institutions, enterprises, experts and\n"
    "networks; nothing in it is real) to DIR/nodes.csv and DIR/edges.csv:\n"
    "  S  about 2,000 nodes and 10,000 edge rows\n"
    "  M  about 100,000 nodes and 1,000,000 edge rows\n"
    "  L  about 1,000,000 nodes and 10,000,000 edge rows\n"
    "The same scale and seed give the same files, byte for byte.\n",
    options,
    "The dataset is built beside DIR (or inside it, when it exists) and moved into\n"
    "place only when complete, with .collabnet-manifest listing the files written.\n"
    "An existing DIR must be empty or an earlier generated dataset; anything else is\n"
    "refused before any work.\n\n"
    "Exit status: 0 ok, 64 usage, 70 internal error, 73 DIR cannot be created or\n"
    "holds other files, 74 cannot write.\n",
    false
};

int cmd_generate(int argc, char **argv)
{
    const char *dir = NULL;
    int scale = -1, c, rc, status;
    size_t seed = 1;
    cn_generate_stats st;
    cli_parser p;

    cli_parse_begin(&p, &cmd_generate_spec, argc, argv, NULL);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case 's':
            scale = strcmp(optarg, "S") == 0 ? CN_SCALE_S
                    : strcmp(optarg, "M") == 0 ? CN_SCALE_M
                    : strcmp(optarg, "L") == 0 ? CN_SCALE_L
                                               : -2;
            if (scale == -2) {
                cli_error("unknown scale '%s' (expected S, M or L)", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_GENERATE_SEED:
            if (!cli_parse_size(optarg, &seed)) {
                cli_error("--seed needs a non-negative integer, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'o': dir = optarg; break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    if (scale < 0 || !dir || optind != argc) {
        cli_usage_error(&cmd_generate_spec, "generate needs --scale and -o DIR, and nothing else");
        return EXIT_USAGE;
    }
    if (!cli_output_dir(dir, &cmd_generate_spec, &status)) {
        return status;
    }
    rc = cn_generate(&st, dir, (cn_scale)scale, seed);
    if (rc == CN_EIO) {
        cli_error("%s", cn_errmsg());
        return EXIT_IOERR;
    }
    if (rc < 0) {
        return cli_status(rc);
    }
    cli_error("wrote %s: %zu nodes, %zu memberships, %zu collaborations (synthetic)", dir,
              st.nodes, st.memberships, st.collaborations);
    return EXIT_OK;
}
