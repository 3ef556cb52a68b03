/* The command table, `collabnet help` and the man page, all from the commands' own help texts,
 * so that --help, `collabnet help COMMAND` and collabnet(1) cannot disagree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define COMMAND(name) int cmd_##name(int argc, char **argv); void cmd_##name##_usage(FILE *fp);
COMMAND(validate)
COMMAND(info)
COMMAND(centrality)
COMMAND(overlap)
COMMAND(coverage)
COMMAND(render)
COMMAND(report)
COMMAND(export)
COMMAND(import)
COMMAND(generate)
COMMAND(help)
#undef COMMAND

const command cli_commands[] = {
    { "validate", cmd_validate, "check a dataset against the contract; report every problem",
      cmd_validate_usage },
    { "info", cmd_info, "summarise a dataset: counts, networks, leads, components",
      cmd_info_usage },
    { "centrality", cmd_centrality, "who is central, who brokers, single points of failure",
      cmd_centrality_usage },
    { "overlap", cmd_overlap, "how much networks share, and who sits in several",
      cmd_overlap_usage },
    { "coverage", cmd_coverage, "coverage of fields and regions against policy targets",
      cmd_coverage_usage },
    { "render", cmd_render, "draw a diagram: membership, overlap, coverage, collaboration, ego",
      cmd_render_usage },
    { "report", cmd_report, "write a report: HTML, Markdown, figures and tables",
      cmd_report_usage },
    { "export", cmd_export, "write GraphML, GEXF, node-link JSON or DOT for other tools",
      cmd_export_usage },
    { "import", cmd_import, "make a dataset from a GraphML file (Gephi, Cytoscape, NetworkX)",
      cmd_import_usage },
    { "generate", cmd_generate, "write a synthetic ecosystem (S, M or L) for benchmarks",
      cmd_generate_usage },
    { "help", cmd_help, "show help for a command (help --man: the man page)", cmd_help_usage },
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
        fprintf(fp, "  %-10s %s\n", c->name, c->summary);
    }
    fprintf(fp, "\n%s", EXIT_TEXT);
}

/* Text as roff: a backslash as \e, a line starting with '.' or '\'' made literal with \&. */
static void roff(FILE *out, const char *text)
{
    bool start = true;
    for (const char *p = text; *p; p++) {
        if (start && (*p == '.' || *p == '\'')) {
            fputs("\\&", out);
        }
        if (*p == '\\') {
            fputs("\\e", out);
        } else if (*p == '-') {
            fputs("\\-", out);
        } else {
            fputc(*p, out);
        }
        start = *p == '\n';
    }
}

/* The help text of a command, as it prints. malloc'd. */
static char *usage_text(void (*usage)(FILE *))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp) {
        return NULL;
    }
    usage(fp);
    if (fclose(fp) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* collabnet(1): no date, so that it is the same at every build. */
static int man_page(FILE *out)
{
    char *text;

    fprintf(out, ".TH COLLABNET 1 \"\" \"collabnet %s\" \"User Commands\"\n", cn_version());
    fputs(".SH NAME\ncollabnet \\- graph analysis of innovation ecosystems: centrality, "
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
        if (!(text = usage_text(c->usage))) {
            return EXIT_INTERNAL;
        }
        fprintf(out, ".SS collabnet %s\n.nf\n", c->name);
        roff(out, text);
        fputs(".fi\n", out);
        free(text);
    }
    fputs(".SH EXIT STATUS\n.nf\n", out);
    roff(out, EXIT_TEXT);
    fputs(".fi\n.SH SEE ALSO\nThe README.md of the collabnet sources: the dataset contract, "
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
                c->usage(stdout);
                return EXIT_OK;
            }
        }
        cli_error("unknown command '%s'", argv[1]);
        return EXIT_USAGE;
    }
    cmd_help_usage(stdout);
    return EXIT_OK;
}
