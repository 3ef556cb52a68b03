#!/bin/sh
# Install collabnet into a temporary root (meson install --destdir), then build every example
# against the installed library through pkg-config, run them, run the installed CLI, and read
# the installed man page. Arguments: the build directory and the source directory.
set -eu
build=$1
src=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

meson install -C "$build" --no-rebuild --quiet --destdir "$root" >/dev/null
pc=$(find "$root" -name collabnet.pc | head -n 1)
[ -n "$pc" ] || { echo "collabnet.pc was not installed"; exit 1; }
lib=$(dirname "$(find "$root" -name 'libcollabnet.so' | head -n 1)")
bin=$(find "$root" -path '*/bin/collabnet' | head -n 1)
man=$(find "$root" -name collabnet.1 | head -n 1)
for f in collabnet.h error.h model.h load.h analysis.h render.h report.h; do
    find "$root" -path "*/include/collabnet/$f" | grep -q . || { echo "header $f missing"; exit 1; }
done

export PKG_CONFIG_PATH="$(dirname "$pc")" PKG_CONFIG_SYSROOT_DIR="$root"
cflags=$(pkg-config --cflags collabnet)
libs=$(pkg-config --libs collabnet)
# a sanitized build installs a sanitized library: its users need the runtime too
sanitize=$(meson introspect "$build" --buildoptions |
    python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "b_sanitize"][0])')
extra=""
[ "$sanitize" = none ] || extra="-fsanitize=$sanitize"
for ex in load_info top_brokers overlap_matrix coverage_gaps render_overlap; do
    cc -std=c11 -Wall -Werror $extra $cflags "$src/examples/$ex.c" $libs -lm \
        -Wl,-rpath,"$lib" -o "$root/$ex"
done
"$root/load_info" "$src/data/vn-374" >/dev/null
"$root/top_brokers" "$src/tests/data/karate" 3 >/dev/null
"$root/overlap_matrix" "$src/tests/data/overlap_hand" >/dev/null
"$root/render_overlap" "$src/data/vn-374" "$root/overlap.svg" >/dev/null
grep -q '<svg' "$root/overlap.svg"
# the installed tool finds its installed library
LD_LIBRARY_PATH="$lib" "$bin" --version | grep -q '^collabnet '
# the man page
[ -n "$man" ] || { echo "collabnet.1 was not installed"; exit 1; }
if command -v man >/dev/null 2>&1; then
    MANPATH="$(dirname "$(dirname "$man")")" man collabnet 2>/dev/null | grep -q 'collabnet export'
else
    grep -q '^\.SS collabnet export' "$man"
fi
echo "installed into a temporary root; 5 examples built with pkg-config and run"
