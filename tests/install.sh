#!/usr/bin/env bash
# cmake --install into a temporary prefix, then the prefix moved elsewhere: the installed panier
# reads the catalogue under its own prefix (not the source tree's data/), the man pages, the
# example organisation, the French messages and the bash completion are installed, the messages
# are found under the moved prefix, and the completion completes.
# Usage: tests/install.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d -t panier-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
mv "$tmp/prefix" "$tmp/moved" # a prefix is not where it was built for
p=$tmp/moved
for f in bin/panier share/panier/vegetables.toml share/panier/example/panier.toml \
  share/panier/example/households.csv share/man/man1/panier.1 share/man/man1/panier-plan.1 \
  share/man/man5/panier.toml.5 share/bash-completion/completions/panier share/locale/fr/LC_MESSAGES/panier.mo; do
  [ -f "$p/$f" ] || fail "$f is not installed"
done
[ ! -e "$p/share/panier/example/generate.py" ] || fail "the example's generator is installed"

# One vegetable more in the installed catalogue than in the sources': check must count it.
shipped=$(grep -c '^\[vegetables\.' "$p/share/panier/vegetables.toml")
printf '\n[vegetables.installed-test]\nname = "Installed"\nunit = "kg"\nprice = 2.00\nstep = 0.05\nmin = 0.10\nmonths = [1]\nunfamiliar = false\n' \
  >>"$p/share/panier/vegetables.toml"
mkdir "$tmp/org"
# the example organisation with no [catalogue]: the default catalogue is the installed one
sed '/^\[catalogue\]/,/^$/d' "$p/share/panier/example/panier.toml" >"$tmp/org/panier.toml"
installed() { (cd "$tmp/org" && env -u PANIER_DATADIR -u PANIER_CONFIG -u PANIER_DB -u PANIER_LOCALEDIR LANGUAGE=en "$p/bin/panier" "$@"); }
installed -q init >/dev/null || fail "init failed"
out=$(installed check 2>&1) ||
  fail "check failed: $out"
grep -q ", $((shipped + 1)) vegetables" <<<"$out" || fail "check did not read the installed catalogue: $out"

# French messages from the installed catalogue, under the moved prefix.
french=$(cd "$tmp/org" && env -u PANIER_LOCALEDIR LANGUAGE=fr "$p/bin/panier" -c missing.toml check 2>&1) && fail "check of a missing file passed"
grep -q "fichier de configuration introuvable" <<<"$french" || fail "no French message from the installed catalogue: $french"

# The completion, from the installed file, with the installed panier on PATH.
complete_line() {
  PATH="$p/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _panier; echo "${COMPREPLY[*]}"' \
    _ "$p/share/bash-completion/completions/panier" "$@"
}
[ "$(complete_line panier hou)" = household ] || fail "panier hou<TAB>: $(complete_line panier hou)"
[ "$(complete_line panier household im)" = import ] || fail "panier household im<TAB>: $(complete_line panier household im)"
[ "$(complete_line panier plan --we)" = --week ] || fail "panier plan --we<TAB>: $(complete_line panier plan --we)"
[ "$(complete_line panier -c x.toml rep)" = report ] || fail "panier -c x.toml rep<TAB>: $(complete_line panier -c x.toml rep)"
echo "install test: ok (prefix moved, installed catalogue read: $((shipped + 1)) vegetables; French messages; completion works)"
