/* The collabnet commands: each runs on its own argv (argv[0] is the command's name) and
 * returns an exit status; each has its help and option table in cmd_<name>_spec. */
#ifndef COMMANDS_H
#define COMMANDS_H

#include "cli.h"

#define CLI_COMMAND(name)                                                                      \
    int cmd_##name(int argc, char **argv);                                                     \
    extern const cli_spec cmd_##name##_spec;
CLI_COMMAND(validate)
CLI_COMMAND(info)
CLI_COMMAND(centrality)
CLI_COMMAND(communities)
CLI_COMMAND(overlap)
CLI_COMMAND(coverage)
CLI_COMMAND(mixing)
CLI_COMMAND(brokerage)
CLI_COMMAND(render)
CLI_COMMAND(report)
CLI_COMMAND(export)
CLI_COMMAND(import)
CLI_COMMAND(generate)
#undef CLI_COMMAND

/* `collabnet help [COMMAND | --man]`; its own help lists the commands. */
int cmd_help(int argc, char **argv);
void cmd_help_usage(FILE *fp);

#endif
