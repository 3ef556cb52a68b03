/* Shared pieces of the collabnet commands: loading with diagnostics, atomic outputs, tables. */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include <collabnet/collabnet.h>

#include "../libnet/util/outfile.h"
#include "../libnet/util/table.h"

/* Exit statuses (sysexits.h values, spelled out so the meaning is documented here). */
enum {
    EXIT_OK = 0,
    EXIT_USAGE = 64,    /* EX_USAGE: bad command line */
    EXIT_DATA = 65,     /* EX_DATAERR: the dataset breaks the contract */
    EXIT_NOINPUT = 66,  /* EX_NOINPUT: the dataset directory does not exist */
    EXIT_INTERNAL = 70, /* EX_SOFTWARE: an internal error */
    EXIT_CANTCREAT = 73, /* EX_CANTCREAT: an output cannot be created */
    EXIT_IOERR = 74     /* EX_IOERR: reading or writing failed */
};

/* One option of a command, as git's parse-options has them: the getopt_long table, the short
 * option string, --help, `collabnet help COMMAND` and the man page are all made from a
 * command's table of these, so none of them can miss an option. */
typedef struct cli_option {
    const char *name;  /* the long name without "--"; NULL: a short letter only */
    char letter;       /* the short letter; 0: a long name only */
    const char *arg;   /* the argument's name in the help ("FILE"); NULL: no argument */
    const char *help;  /* lines of at most CLI_HELP_WIDTH columns, '\n' between them */
    int id;            /* what cli_parse_next() returns for it; 0: the letter */
} cli_option;
#define CLI_OPTION_END { NULL, 0, NULL, NULL, 0 }
/* Help text starts at this column; its lines are at most 80 - CLI_HELP_COLUMN wide. */
#define CLI_HELP_COLUMN 24
#define CLI_HELP_WIDTH (80 - CLI_HELP_COLUMN)
/* At most this many options in a command's table (-h, --help is added to every command). */
#define CLI_MAX_OPTIONS 48

/* A command's help: "Usage: collabnet USAGE", the description, the options (and -h, --help),
 * the notes (ending with the exit status). Text is in lines of at most 80 columns. */
typedef struct cli_spec {
    const char *name;
    const char *usage;       /* after "Usage: collabnet " */
    const char *description; /* paragraphs before the options */
    const cli_option *options;
    const char *notes;       /* paragraphs after the options */
    bool dataset;            /* exactly one DATASET_DIR operand, checked by the parser */
} cli_spec;

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const cli_spec *spec; /* NULL for help */
} command;

extern const command cli_commands[];

/* The help of a command as --help and `collabnet help COMMAND` print it. */
void cli_usage(FILE *fp, const cli_spec *spec);
/* The help of a command as a section of collabnet(1): filled paragraphs, options as tagged
 * paragraphs, so that `man` fits it to the terminal's width. */
void cli_usage_man(FILE *fp, const cli_spec *spec);
/* Text as roff: a backslash as \e, '-' as \-, a line starting with '.' or '\'' made literal. */
void cli_roff(FILE *fp, const char *text);
/* "collabnet: MESSAGE (try 'collabnet COMMAND --help')" on stderr: a usage error. */
void cli_usage_error(const cli_spec *spec, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "collabnet: message" on stderr, escaped as cli_line() does. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write one line of text output (the format's result, then '\n') with the data in it escaped:
 * a control character or invalid UTF-8 from the data shows as \xNN, \n, ..., never acts on a
 * terminal. For text output that is not a table (cli_write_table()). */
void cli_line(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Map a library status to an exit status, printing cn_errmsg(). */
int cli_status(int rc);
/* Parse a non-negative integer option value; false if malformed. */
bool cli_parse_size(const char *s, size_t *out);
/* Parse a positive integer for option @p opt ("--top"); prints the error. True on success. */
bool cli_parse_positive(const char *opt, const char *arg, size_t *out);
/* Seconds since @p t0 (CLOCK_MONOTONIC). */
double cli_elapsed(const struct timespec *t0);

/* Output formats. */
typedef enum cli_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON } cli_format;

/* Options every command that reads a dataset takes: --max-errors N, --at DATE, and for those
 * that write results -f/--format and -o/--output. */
typedef struct cli_dataset_opts {
    size_t max_errors;  /* 0: the default */
    cn_date at;         /* year 0: every edge */
    cli_format format;  /* FORMAT_TABLE unless -f */
    const char *output; /* NULL: stdout */
} cli_dataset_opts;
enum { OPT_MAX_ERRORS = 1000, OPT_AT, OPT_CSV_RAW, OPT_FORMAT, OPT_OUTPUT, OPT_CSV_BOM };
/* CSV text cells starting with = + - @ get a ' in front unless --csv-raw (README). */
extern bool cli_csv_guard;
/* --csv-bom: CLI_BOM_DUE until the CSV writers have put the UTF-8 byte-order mark in front of
 * the output, then CLI_BOM_WRITTEN (a command writing several tables writes it once) */
enum { CLI_BOM_NO = 0, CLI_BOM_DUE, CLI_BOM_WRITTEN };
extern int cli_csv_bom;
/* Shared table fragments: their options are handled by the parser when the command gives it a
 * cli_dataset_opts (cli_parse_begin()). */
#define CLI_OPT_AT_HELP                                                                        \
    "the ecosystem as it stood then: only edges in force\n"                                    \
    "(since <= DATE <= until; README \"Time\")"
#define CLI_DATASET_OPTIONS                                                                    \
    { "max-errors", 0, "N", "print at most N dataset problems (default 100)", OPT_MAX_ERRORS }, \
    { "at", 0, "DATE", CLI_OPT_AT_HELP, OPT_AT }
#define CLI_OPT_CSV_RAW                                                                        \
    { "csv-raw", 0, NULL,                                                                      \
      "CSV cells as they are (else text starting with\n"                                       \
      "= + - @ gets a ' in front against spreadsheet\n"                                        \
      "formulas)", OPT_CSV_RAW }
#define CLI_OPT_CSV_BOM                                                                        \
    { "csv-bom", 0, NULL,                                                                      \
      "CSV begins with a UTF-8 byte-order mark (for\n"                                          \
      "Excel: README \"CSV and spreadsheets\")", OPT_CSV_BOM }
#define CLI_OUTPUT_OPTIONS                                                                     \
    { "format", 'f', "F", "table (default), csv or json", OPT_FORMAT },                        \
    { "output", 'o', "FILE", "write to FILE, atomically; '-': stdout", OPT_OUTPUT },           \
    CLI_OPT_CSV_RAW,                                                                           \
    CLI_OPT_CSV_BOM

/* Parsing a command's options by its table. */
typedef struct cli_parser {
    const cli_spec *spec;
    cli_dataset_opts *d;
    int argc;
    char **argv;
    int status; /* after CLI_STOP: the command's exit status */
    struct option longs[CLI_MAX_OPTIONS + 2];
    const cli_option *by_long[CLI_MAX_OPTIONS + 2]; /* the entry of each of longs */
    char shorts[3 * CLI_MAX_OPTIONS + 4];
} cli_parser;
enum { CLI_DONE = -1, CLI_STOP = -2 };
/* Start parsing (getopt reset: a command can run more than once in-process). With @p d, the
 * shared dataset and output options are handled by the parser into *d. */
void cli_parse_begin(cli_parser *p, const cli_spec *spec, int argc, char **argv,
                     cli_dataset_opts *d);
/* The next option the command handles itself: its id, the argument in optarg. CLI_DONE when
 * the options are over (with spec->dataset, exactly one DATASET_DIR is then at argv[optind]);
 * CLI_STOP when the command must return p->status: --help printed (0), or a usage error
 * printed as one line (64). */
int cli_parse_next(cli_parser *p);
/* Handle a shared dataset or output option (@p id): true when it was one; *status becomes
 * EXIT_USAGE on a bad value. */
bool cli_dataset_option(cli_dataset_opts *d, int id, const char *arg, int *status);
/* Print every diagnostic of a list as FILE:LINE: message (FILE: message for line 0). */
void cli_print_diags(const cn_diag_list *diags);

/* Load a dataset, printing every diagnostic as FILE:LINE: message. Returns an exit status. */
int cli_load(cn_graph **out, const char *dir, const cli_dataset_opts *d);
/* Append the comma-separated ids of @p arg (option @p opt, e.g. "--without") to *ids (each
 * malloc'd; cli_free_ids() releases them); false, the error printed, when an id is empty or
 * memory runs out. */
bool cli_parse_ids(char ***ids, size_t *n, const char *opt, const char *arg);
void cli_free_ids(char **ids, size_t n);
/* The same with a scenario directory overlaid and the nodes @p without removed (README
 * "Scenarios"; either may be NULL). */
int cli_load_scenario(cn_graph **out, const char *dir, const cli_dataset_opts *d,
                      const char *scenario, const char *const *without, size_t nwithout);

/* An output: stdout, or a file written as util/outfile.h says (a regular file through a
 * temporary file renamed on success; a FIFO or device directly). */
typedef struct cli_out {
    FILE *fp;
    cni_outfile f;
} cli_out;
/* Open @p path ("-" or NULL: stdout; "" is a usage error). Returns an exit status. */
int cli_out_open(cli_out *o, const char *path);
/* Flush and rename into place. Returns an exit status; the output is discarded on failure. */
int cli_out_commit(cli_out *o);
/* On SIGINT, SIGTERM, SIGHUP or SIGPIPE, remove the temporary file being written, then die of
 * the signal: an earlier output is never touched either way. */
void cli_install_signal_cleanup(void);
/* Discard a partial output (no-op for stdout or after commit). */
void cli_out_abort(cli_out *o);

/* The targets: *path, or else DIR/targets.ini when it is a regular file (*path then points to
 * *owned, which the caller frees; a symbolic link there is not read, with a warning); *out
 * stays NULL when there are none. Prints diagnostics. Returns an exit status. */
int cli_load_targets(cn_targets **out, const char **path, char **owned, const char *dir,
                     size_t max_errors);
/* Check the targets against the dataset (cn_targets_check()), printing each warning as
 * FILE:LINE: warning: message; none when @p t is NULL. With @p strict, a warning is an error:
 * EXIT_DATA after saying so. Returns an exit status. */
int cli_check_targets(const cn_targets *t, const char *path, const cn_graph *g, bool strict,
                      size_t max_errors);
/* Check a directory output's -o (given, not empty, not "-"), printing the error; *status is
 * EXIT_OK or EXIT_USAGE. */
bool cli_output_dir(const char *output, const cli_spec *spec, int *status);
/* DIR/NAME (malloc'd) and its lstat() in *st, zeroed when it does not exist; NULL (the error
 * printed, *status set: 66, or 70 out of memory) when it cannot be looked at (a path longer
 * than PATH_MAX: "File name too long"). */
char *cli_dataset_file(const char *dir, const char *name, struct stat *st, int *status);

bool cli_parse_format(const char *s, cli_format *out);

/* Results are tables (libnet/util/table.h), built by the library code the report uses too.
 * Write one: aligned (FORMAT_TABLE), CSV with the formula guard unless --csv-raw, or as JSON
 * records (a command's JSON is usually a document: cli_write_doc()). Returns a library status
 * (cli_status() maps it). */
int cli_write_table(FILE *fp, cli_format format, const cni_table *t);
/* Stream a CSV table: the header now, each row when complete (cni_table_stream_csv()). */
int cli_stream_table(cni_table *t, FILE *fp);
/* A command's JSON document. */
int cli_write_doc(FILE *fp, const cni_doc *d);

/* Parse @p s as one of count names given by name(k). */
bool cli_parse_enum(const char *s, const char *(*name)(int), int count, int *out);

/* render's and report's --fit BOX, --font-size PT, --dpi N, --wrap N and --lines N into @p ro.
 * Returns false when @p c is none of them; else sets *status (EXIT_OK, or EXIT_USAGE after a
 * message). */
bool cli_fit_option(cn_render_options *ro, int c, const char *arg, int *status);
#define CLI_FIT_HELP                                                                           \
    "lay out to fit BOX at 100 %: WIDTHxHEIGHT in cm,\n"                                       \
    "mm, in or pt (16x24cm, 6.5x9in), or a4 (16 x\n"                                          \
    "24.7 cm), a4-landscape, letter (6.5 x 9 in),\n"                                          \
    "slide (960 x 540 pt); exit 65 if it cannot fit"
#define CLI_FONT_SIZE_HELP                                                                     \
    "the smallest text in points (default 9 with a\n"                                         \
    "box): the view's sizes scaled by PT/9, none\n"                                           \
    "below PT"
#define CLI_DPI_HELP                                                                           \
    "PNG resolution (default 144), also written in\n"                                         \
    "the PNG; lowered, with a warning, so that the\n"                                         \
    "bitmap stays within 32000 pixels a side and\n"                                           \
    "100 million pixels"

/* The centrality options shared by centrality and export (render takes --max-ties too;
 * overlap, render and report take --max-shared). */
enum { OPT_PROJ = 2000, OPT_UNWEIGHTED, OPT_NORMALIZED, OPT_SAMPLE, OPT_SEED, OPT_EXACT,
       OPT_MAX_TIES, OPT_MAX_SHARED, OPT_FIT, OPT_FONT_SIZE, OPT_DPI, OPT_WRAP, OPT_LINES };
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)
#define CLI_CENTRALITY_OPTIONS                                                                 \
    CLI_OPT_MEASURES,                                                                          \
    { "graph", 'g', "G",                                                                       \
      "collaboration (default: actors and their ties),\n"                                      \
      "membership (actors and networks), combined\n"                                           \
      "(both), comembership (actors tied by the\n"                                             \
      "networks they share)", 0 },                                                             \
    CLI_CENTRALITY_OPTIONS_BUT_GRAPH
/* export gives -g its own help (the graph written, and the measures') */
#define CLI_OPT_MEASURES                                                                       \
    { "measures", 'm', "LIST",                                                                 \
      "comma-separated, or all (default): degree,\n"                                           \
      "strength, betweenness, closeness, harmonic,\n"                                          \
      "eigenvector, pagerank, constraint, coreness", 0 }
#define CLI_CENTRALITY_OPTIONS_BUT_GRAPH                                                       \
    { "projection-weight", 0, "W",                                                             \
      "for comembership: count (default), newman,\n"                                           \
      "jaccard", OPT_PROJ },                                                                   \
    { "max-ties", 0, "N",                                                                      \
      "comembership: refuse (exit 65) a projection of\n"                                       \
      "more than N ties, counted before it is built\n"                                         \
      "(default 10000000)", OPT_MAX_TIES },                                                    \
    { "unweighted", 0, NULL, "every tie counts 1", OPT_UNWEIGHTED },                           \
    { "normalized", 0, NULL,                                                                   \
      "betweenness / ((n-1)(n-2)/2); harmonic and\n"                                           \
      "degree / (n-1)", OPT_NORMALIZED },                                                      \
    { "sample", 0, "K",                                                                        \
      "estimate betweenness, closeness and harmonic from\n"                                    \
      "K sampled sources (above "                                                              \
      CLI_STR(CLI_AUTO_SAMPLE_VERTICES) " vertices K = "                                        \
      CLI_STR(CLI_AUTO_SAMPLE_SOURCES) "\nunless --exact)", OPT_SAMPLE },                       \
    { "seed", 0, "S", "seed for --sample (default 1)", OPT_SEED },                             \
    { "exact", 0, NULL, "never sample", OPT_EXACT },                                           \
    { "jobs", 'j', "N",                                                                        \
      "worker processes for path-based measures\n"                                             \
      "(default: CPUs)", 0 }
/* Above this many vertices, path-based measures are sampled unless --exact is given. */
#define CLI_AUTO_SAMPLE_VERTICES 50000
#define CLI_AUTO_SAMPLE_SOURCES 256
typedef struct cli_centrality {
    cn_centrality_options o;
    const char *measures; /* the -m list */
    bool exact, sample_given;
} cli_centrality;
#define CLI_CENTRALITY_INIT { CN_CENTRALITY_OPTIONS_INIT, "all", false, false }
/* Handle one centrality option (getopt's @p c): true when it was one; *status becomes
 * EXIT_USAGE on a bad value. */
bool cli_centrality_option(cli_centrality *a, int c, const char *arg, int *status);
/* The measures of -m (printing the error); false on a bad list or --exact with --sample. */
bool cli_centrality_measures(cli_centrality *a, cn_measure *ms, size_t *nm);
/* Sample path-based measures past CLI_AUTO_SAMPLE_VERTICES vertices unless told otherwise
 * (says so on stderr). */
void cli_centrality_auto_sample(cli_centrality *a, const cn_graph *g, const cn_measure *ms,
                                size_t nm);

#endif
