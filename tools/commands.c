/* The command table and `collabnet help`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_validate(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_centrality(int argc, char **argv);
int cmd_overlap(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_help(int argc, char **argv);

const command cli_commands[] = {
    { "validate", cmd_validate, "check a dataset against the contract; report every problem" },
    { "info", cmd_info, "summarise a dataset: counts, networks, leads, components" },
    { "centrality", cmd_centrality, "who is central, who brokers, single points of failure" },
    { "overlap", cmd_overlap, "how much networks share, and who sits in several" },
    { "coverage", cmd_coverage, "coverage of fields and regions against policy targets" },
    { "render", cmd_render, "draw a diagram: membership, overlap, coverage, collaboration, ego" },
    { "report", cmd_report, "write a report: HTML, Markdown, figures and tables" },
    { "export", cmd_export, "write GraphML, GEXF, node-link JSON or DOT for other tools" },
    { "generate", cmd_generate, "write a synthetic ecosystem (S, M or L) for benchmarks" },
    { "help", cmd_help, "show help for a command" },
    { NULL, NULL, NULL },
};

int cmd_help(int argc, char **argv)
{
    if (argc >= 2) {
        for (const command *c = cli_commands; c->name; c++) {
            if (strcmp(argv[1], c->name) == 0 && c->run != cmd_help) {
                char *args[] = { argv[1], "--help", NULL };
                return c->run(2, args);
            }
        }
        cli_error("unknown command '%s'", argv[1]);
        return EXIT_USAGE;
    }
    printf("Usage: collabnet COMMAND [OPTIONS] DATASET_DIR\n"
           "       collabnet --version | --help | help COMMAND\n\n"
           "Graph analysis of innovation ecosystems: institutions, enterprises, experts and\n"
           "the networks they belong to.\n\nCommands:\n");
    for (const command *c = cli_commands; c->name; c++) {
        printf("  %-10s %s\n", c->name, c->summary);
    }
    printf("\nExit status: 0 ok, 64 usage, 65 data error, 66 no input, 70 internal error,\n"
           "73 cannot create output, 74 I/O error. coverage --check exits 1 when a target is\n"
           "not met.\n");
    return EXIT_OK;
}
