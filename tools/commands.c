/* The command table, `collabnet help` and the man page, all from the commands' own help texts,
 * so that --help, `collabnet help COMMAND` and collabnet(1) cannot disagree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

const command cli_commands[] = {
    { "validate", cmd_validate, "check a dataset against the contract; report every problem",
      &cmd_validate_spec },
    { "info", cmd_info, "summarise a dataset: counts, networks, leads, components",
      &cmd_info_spec },
    { "centrality", cmd_centrality, "who is central, who brokers, single points of failure",
      &cmd_centrality_spec },
    { "communities", cmd_communities, "which groups work together; do the networks match them",
      &cmd_communities_spec },
    { "overlap", cmd_overlap, "how much networks share, and who sits in several",
      &cmd_overlap_spec },
    { "coverage", cmd_coverage, "coverage of fields and regions against policy targets",
      &cmd_coverage_spec },
    { "mixing", cmd_mixing, "how groups (regions, fields) tie to each other: E-I, assortativity",
      &cmd_mixing_spec },
    { "brokerage", cmd_brokerage, "Gould-Fernandez brokerage roles of actors between groups",
      &cmd_brokerage_spec },
    { "render", cmd_render, "draw a diagram: membership, overlap, coverage, collaboration, ego",
      &cmd_render_spec },
    { "report", cmd_report, "write a report: HTML, Markdown, figures and tables",
      &cmd_report_spec },
    { "export", cmd_export, "write GraphML, GEXF, node-link JSON or DOT for other tools",
      &cmd_export_spec },
    { "import", cmd_import, "make a dataset from a GraphML file (Gephi, Cytoscape, NetworkX)",
      &cmd_import_spec },
    { "generate", cmd_generate, "write a synthetic ecosystem (S, M or L) for benchmarks",
      &cmd_generate_spec },
    { "help", cmd_help, "show help for a command (help --man: the man page)", NULL },
    { NULL, NULL, NULL, NULL },
};

static const char EXIT_TEXT[] =
    "Exit status: 0 ok, 64 usage, 65 data error, 66 no input, 70 internal error,\n"
    "73 cannot create output, 74 I/O error. coverage --check exits 1 when a target is\n"
    "not met.\n";

void cmd_help_usage(FILE *fp)
{
    fprintf(fp, "Usage: collabnet COMMAND [OPTIONS] DATASET_DIR\n"
                "       collabnet --version | --help | help COMMAND | help --man\n\n"
                "Graph analysis of innovation ecosystems: institutions, enterprises, experts and\n"
                "the networks they belong to.\n\nCommands:\n");
    for (const command *c = cli_commands; c->name; c++) {
        fprintf(fp, "  %-11s %s\n", c->name, c->summary);
    }
    fprintf(fp, "\n%s", EXIT_TEXT);
}

/* collabnet(1): no date, so that it is the same at every build. */
static int man_page(FILE *out)
{
    fprintf(out, ".TH COLLABNET 1 \"\" \"collabnet %s\" \"User Commands\"\n", cn_version());
    /* left-aligned, unhyphenated: man fills the help to the terminal's width */
    fputs(".ad l\n.nh\n"
          ".SH NAME\ncollabnet \\- graph analysis of innovation ecosystems: centrality, "
          "network overlap, coverage against policy targets, diagrams and reports\n"
          ".SH SYNOPSIS\n.nf\n", out);
    for (const command *c = cli_commands; c->name; c++) {
        fprintf(out, "\\fBcollabnet %s\\fR [\\fIOPTIONS\\fR]%s\n", c->name,
                strcmp(c->name, "help") == 0 || strcmp(c->name, "generate") == 0
                    ? ""
                : strcmp(c->name, "import") == 0 ? " \\fIFILE.graphml\\fR"
                    : " \\fIDATASET_DIR\\fR");
    }
    fputs(".fi\n.SH DESCRIPTION\n"
          "collabnet reads a dataset directory (nodes.csv and edges.csv: institutions, "
          "enterprises, experts and networks, tied by membership and collaboration edges) and "
          "answers the questions the people of an innovation ecosystem ask. Each command below "
          "is shown with the help text that \\fBcollabnet help\\fR \\fICOMMAND\\fR and "
          "\\fBcollabnet\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR print.\n"
          ".SH COMMANDS\n",
          out);
    for (const command *c = cli_commands; c->name; c++) {
        fprintf(out, ".SS collabnet %s\n", c->name);
        if (c->spec) {
            cli_usage_man(out, c->spec);
            continue;
        }
        fputs(".PP\nUsage: collabnet help [\\fICOMMAND\\fR | \\-\\-man]\n"
              ".PP\nThe help of a command, or without one, the commands:\n", out);
        for (const command *k = cli_commands; k->name; k++) {
            fprintf(out, ".TP\n%s\n", k->name);
            cli_roff(out, k->summary);
            fputc('\n', out);
        }
    }
    fputs(".SH EXIT STATUS\n", out);
    cli_roff(out, EXIT_TEXT);
    fputs(".SH SEE ALSO\nThe README.md of the collabnet sources: the dataset contract, "
          "the targets file, the measures and their conventions.\n",
          out);
    return fflush(out) == 0 ? EXIT_OK : EXIT_IOERR;
}

int cmd_help(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--man") == 0) {
        return man_page(stdout);
    }
    if (argc >= 2) {
        for (const command *c = cli_commands; c->name; c++) {
            if (strcmp(argv[1], c->name) == 0) {
                if (c->spec) {
                    cli_usage(stdout, c->spec);
                } else {
                    cmd_help_usage(stdout);
                }
                return EXIT_OK;
            }
        }
        cli_error("unknown command '%s'", argv[1]);
        return EXIT_USAGE;
    }
    cmd_help_usage(stdout);
    return EXIT_OK;
}
