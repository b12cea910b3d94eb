#!/usr/bin/env bash
# Builds stratlint as one file that needs no Swift installed (the Swift runtime and
# Foundation are linked in; only libyaml and SQLite come from the system) and installs
# it with its man page and shell completions.
#
#   scripts/install.sh [PREFIX]        default PREFIX: /usr/local
#
# Installs PREFIX/bin/stratlint, PREFIX/share/man/man1/stratlint.1, the bash, zsh and
# fish completions under PREFIX/share, and the built-in rules' pages in
# PREFIX/share/doc/stratlint/rules (which `stratlint lsp` links its diagnostics to). Needs Swift to build; the machines that run the
# binary need only libyaml-0-2 and libsqlite3-0 (Debian's package names).
set -euo pipefail
prefix=${1:-/usr/local}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

swift build -c release --static-swift-stdlib --product stratlint --build-path .build-static
binary=.build-static/release/stratlint

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d" "$prefix/share/doc/stratlint/rules"
install -m 755 "$binary" "$prefix/bin/stratlint"

# The man page, from the command's own help (swift-argument-parser's plugin).
man=$(mktemp -d)
trap 'rm -rf "$man"' EXIT
swift package --allow-writing-to-directory "$man" generate-manual --output-directory "$man" >/dev/null
install -m 644 "$man/stratlint.1" "$prefix/share/man/man1/stratlint.1"

install -m 644 docs/rules/*.md "$prefix/share/doc/stratlint/rules/"

"$binary" --generate-completion-script bash > "$prefix/share/bash-completion/completions/stratlint"
"$binary" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_stratlint"
"$binary" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/stratlint.fish"

echo "installed stratlint $("$prefix/bin/stratlint" --version) in $prefix (bin, man page, bash/zsh/fish completions, rule pages)"
