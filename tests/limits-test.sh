#!/bin/sh
# Limits of the loader (README "Reliability"): each hostile file ends in a clear error or a
# correct result. Argument: the collabnet binary.
set -eu
bin=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
H='id,label,kind,region,country,fields'
mk() {
    mkdir -p "$d/$1"
    printf 'source,target,kind,role,weight,since,until,ref\n' > "$d/$1/edges.csv"
}
repeat() { # BYTES CHAR
    head -c "$1" /dev/zero | tr '\0' "$2"
}
expect() { # NAME STATUS TEXT: run validate, check the status and a line of its output
    set +e
    out=$("$bin" validate "$d/$1" 2>&1)
    st=$?
    set -e
    if [ "$st" -ne "$2" ] || ! printf '%s\n' "$out" | grep -qF -- "$3"; then
        echo "$1: expected status $2 and '$3', got $st:"
        printf '%s\n' "$out" | cut -c1-200 | head -5
        exit 1
    fi
    echo "$1: ok ($(printf '%s\n' "$out" | head -1 | cut -c1-120))"
}

# a 100 MB line: read, one node with a 100 MB label
mk longline
{ echo "$H"; printf 'a,'; repeat 104857600 x; echo ',institution,North,VN,'; } > "$d/longline/nodes.csv"
expect longline 0 "valid: 1 node,"

# a million columns: refused by the header, before any row is stored
mk wide
{ printf 'id,label,kind'; i=0; repeat 1000000 ','; echo; echo 'a,b,institution'; } > "$d/wide/nodes.csv"
expect wide 65 "1000003 columns: at most 16384 are supported"

# a row of five million fields under a normal header: ragged, counted without storing them
mk widerow
{ echo "$H"; printf 'a,b,institution,North,VN,'; repeat 5000000 ','; echo; } > "$d/widerow/nodes.csv"
expect widerow 65 "5000006 fields, expected 6 as in the header"

# a 10 MB quoted cell
mk bigcell
{ echo "$H"; printf 'a,"'; repeat 10485760 y; echo '",institution,North,VN,'; } > "$d/bigcell/nodes.csv"
expect bigcell 0 "valid: 1 node,"

# 20 MB of quotes in one field: an even run is a quoted field of quotes
mk quotes
{ echo "$H"; printf 'a,'; repeat 20971520 '"'; echo ',institution,North,VN,'; } > "$d/quotes/nodes.csv"
expect quotes 0 "valid: 1 node,"

# an odd run never closes: an unterminated quote, reported at the line it starts
mk quotes_odd
{ echo "$H"; printf 'a,'; repeat 20971521 '"'; echo ',institution,North,VN,'; } > "$d/quotes_odd/nodes.csv"
expect quotes_odd 65 "nodes.csv:2:"

# a file of nothing but separators (50 MB on one line)
mk separators
repeat 52428800 ',' > "$d/separators/nodes.csv"
expect separators 65 "at most 16384 are supported"

# twenty million empty lines after the header: no rows, no problem
mk blank
{ echo "$H"; repeat 20000000 '\n'; } > "$d/blank/nodes.csv"
expect blank 0 "valid: 0 nodes"

# a file that claims 100 GB (sparse, all zeros, no line end): stopped at 128 MiB
mk sparse
truncate -s 100G "$d/sparse/nodes.csv"
expect sparse 65 "a record longer than 128 MiB"

# a 129 MiB line: the same limit, reported at its line
mk toolong
{ echo "$H"; printf 'a,'; repeat 135266304 x; echo ',institution,North,VN,'; } > "$d/toolong/nodes.csv"
expect toolong 65 "nodes.csv:2: a record longer than 128 MiB"
