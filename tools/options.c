/* Each command's options come from one table (as git's parse-options has it): getopt_long's
 * arrays, --help, `collabnet help COMMAND`, the man page and the one-line usage errors are all
 * made from it, so none of them can miss an option or disagree with another. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Added to every command. */
static const cli_option help_option = { "help", 'h', NULL, "show this help", 'h' };

static size_t option_count(const cli_spec *spec)
{
    size_t n = 0;

    while (spec->options && (spec->options[n].name || spec->options[n].letter)) {
        n++;
    }
    return n;
}

/* The k-th option of the command, -h, --help last. */
static const cli_option *option_at(const cli_spec *spec, size_t k, size_t n)
{
    return k < n ? &spec->options[k] : &help_option;
}

static int option_id(const cli_option *o)
{
    return o->id ? o->id : o->letter;
}

void cli_parse_begin(cli_parser *p, const cli_spec *spec, int argc, char **argv,
                     cli_dataset_opts *d)
{
    size_t n = option_count(spec), nl = 0, ns = 0;

    memset(p, 0, sizeof *p);
    p->spec = spec;
    p->d = d;
    p->argc = argc;
    p->argv = argv;
    p->status = EXIT_OK;
    p->shorts[ns++] = ':'; /* ':' for a missing argument, '?' for an unknown option */
    /* tests/test_cli.c checks that every table fits CLI_MAX_OPTIONS */
    for (size_t k = 0; k <= n && nl < CLI_MAX_OPTIONS + 1; k++) {
        const cli_option *o = option_at(spec, k, n);
        if (o->name) {
            p->longs[nl] = (struct option){ o->name, o->arg ? required_argument : no_argument,
                                            NULL, option_id(o) };
            p->by_long[nl++] = o;
        }
        if (o->letter) {
            p->shorts[ns++] = o->letter;
            if (o->arg) {
                p->shorts[ns++] = ':';
            }
        }
    }
    optind = 0; /* glibc: 0 also resets its internal state (commands run again in tests) */
    opterr = 0; /* the errors are ours: one line and where the help is */
    cli_csv_guard = true;
    cli_csv_bom = CLI_BOM_NO;
}

void cli_usage_error(const cli_spec *spec, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_error("%s (try 'collabnet %s --help')", msg, spec->name);
}

/* getopt_long's '?' (unknown option, ambiguous abbreviation, an argument to an option that
 * takes none) or ':' (missing argument), as one line. */
static void bad_option(const cli_parser *p, int c)
{
    const char *arg = optind > 0 && optind <= p->argc ? p->argv[optind - 1] : "";
    size_t n = option_count(p->spec), len = strcspn(arg, "="), matches = 0;
    bool is_long = strncmp(arg, "--", 2) == 0 && len > 2;
    char spelling[64];

    if (is_long) {
        snprintf(spelling, sizeof spelling, "%.*s", (int)len, arg);
    } else {
        snprintf(spelling, sizeof spelling, "-%c", optopt);
    }
    if (c == ':') {
        cli_usage_error(p->spec, "option '%s' needs an argument", spelling);
        return;
    }
    for (size_t k = 0; is_long && k <= n; k++) {
        const cli_option *o = option_at(p->spec, k, n);
        if (o->name && strncmp(o->name, arg + 2, len - 2) == 0) {
            matches++;
            if (optopt && optopt == option_id(o) && !o->arg) {
                cli_usage_error(p->spec, "option '--%s' takes no argument", o->name);
                return;
            }
        }
    }
    cli_usage_error(p->spec, "%s option '%s'", matches > 1 ? "ambiguous" : "unknown", spelling);
}

int cli_parse_next(cli_parser *p)
{
    int c, index = -1;

    while ((c = getopt_long(p->argc, p->argv, p->shorts, p->longs, &index)) != -1) {
        const cli_option *o = NULL;
        size_t n = option_count(p->spec);
        int id;

        if (c == '?' || c == ':') {
            bad_option(p, c);
            p->status = EXIT_USAGE;
            return CLI_STOP;
        }
        if (index >= 0) {
            o = p->by_long[index];
        }
        for (size_t k = 0; !o && k <= n; k++) {
            if (option_at(p->spec, k, n)->letter == c) {
                o = option_at(p->spec, k, n);
            }
        }
        index = -1;
        id = o ? option_id(o) : c;
        if (o == &help_option) {
            cli_usage(stdout, p->spec);
            return CLI_STOP;
        }
        if (p->d && cli_dataset_option(p->d, id, optarg, &p->status)) {
            if (p->status != EXIT_OK) {
                return CLI_STOP;
            }
            continue;
        }
        return id;
    }
    if (p->spec->dataset && optind + 1 != p->argc) {
        cli_usage_error(p->spec, "%s needs exactly one DATASET_DIR", p->spec->name);
        p->status = EXIT_USAGE;
        return CLI_STOP;
    }
    return CLI_DONE;
}

/* "  -f, --format F", "      --at DATE", "  -T F". */
static void option_spelling(char *buf, size_t size, const cli_option *o)
{
    const char *arg = o->arg ? o->arg : "";
    const char *sep = o->arg ? " " : "";

    if (o->letter && o->name) {
        snprintf(buf, size, "  -%c, --%s%s%s", o->letter, o->name, sep, arg);
    } else if (o->letter) {
        snprintf(buf, size, "  -%c%s%s", o->letter, sep, arg);
    } else {
        snprintf(buf, size, "      --%s%s%s", o->name, sep, arg);
    }
}

void cli_usage(FILE *fp, const cli_spec *spec)
{
    size_t n = option_count(spec);
    char spelling[128];

    fprintf(fp, "Usage: collabnet %s\n\n%s\n", spec->usage, spec->description);
    for (size_t k = 0; k <= n; k++) {
        const cli_option *o = option_at(spec, k, n);
        size_t len;
        option_spelling(spelling, sizeof spelling, o);
        len = strlen(spelling);
        /* the help beside the spelling, or below it when the spelling is too long */
        if (len + 2 <= CLI_HELP_COLUMN) {
            fprintf(fp, "%s%*s", spelling, (int)(CLI_HELP_COLUMN - len), "");
        } else {
            fprintf(fp, "%s\n%*s", spelling, CLI_HELP_COLUMN, "");
        }
        for (const char *h = o->help; *h; h++) {
            fputc(*h, fp);
            if (*h == '\n') {
                fprintf(fp, "%*s", CLI_HELP_COLUMN, "");
            }
        }
        fputc('\n', fp);
    }
    fprintf(fp, "\n%s", spec->notes);
}

static void roff_n(FILE *fp, const char *text, size_t len)
{
    bool start = true;

    for (const char *p = text; p < text + len; p++) {
        if (start && (*p == '.' || *p == '\'')) {
            fputs("\\&", fp);
        }
        if (*p == '\\') {
            fputs("\\e", fp);
        } else if (*p == '-') {
            fputs("\\-", fp);
        } else {
            fputc(*p, fp);
        }
        start = *p == '\n';
    }
}

void cli_roff(FILE *fp, const char *text)
{
    roff_n(fp, text, strlen(text));
}

/* Paragraphs (blank-line separated) as filled roff paragraphs; a line indented in the text
 * (an item of a list) stays a line of its own. */
static void paragraphs(FILE *fp, const char *text)
{
    bool para = true;

    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        if (len == 0) {
            para = true;
        } else {
            fputs(para ? ".PP\n" : "", fp);
            para = false;
            roff_n(fp, p, len);
            fputs(p[0] == ' ' ? "\n.br\n" : "\n", fp);
        }
        p += len + (p[len] == '\n');
    }
}

void cli_usage_man(FILE *fp, const cli_spec *spec)
{
    size_t n = option_count(spec);
    char spelling[128];

    fputs(".PP\nUsage: ", fp);
    cli_roff(fp, "collabnet ");
    cli_roff(fp, spec->usage);
    fputc('\n', fp);
    paragraphs(fp, spec->description);
    for (size_t k = 0; k <= n; k++) {
        const cli_option *o = option_at(spec, k, n);
        option_spelling(spelling, sizeof spelling, o);
        fputs(".TP\n", fp);
        cli_roff(fp, spelling + strspn(spelling, " "));
        fputc('\n', fp);
        cli_roff(fp, o->help);
        fputc('\n', fp);
    }
    paragraphs(fp, spec->notes);
}
