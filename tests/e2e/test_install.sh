#!/bin/sh
# make install into a temporary DESTDIR, from a build of its own in a
# temporary folder (a plain build, as an install makes it: the tests' build
# is left alone): the installed binary runs from there with no source tree
# beside it and holds no path of the build, the completions are where bash and
# zsh look, and the man page renders without warnings; make uninstall removes
# every file it installed and nothing else (an admin's own theme stays).
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # description, then a command
	d=$1; shift
	if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); echo "ok   - $d"; else fail=$((fail + 1)); echo "FAIL - $d"; fi
}

# A plain build, as an install makes it, even when this runs under
# `make MLMAT_SRCDIR=... e2e` or the sanitizer pass of `make test` (their
# variables reach this make through MAKEFLAGS).
mk() {
	make -s -C "$root" BUILD="$tmp/build" MLMAT_SRCDIR= SAN= FUZZ= \
		DESTDIR="$tmp/dest" PREFIX=/opt/mlmat "$@"
}
mk install >"$tmp/install.log" 2>&1
check "make install DESTDIR=... PREFIX=/opt/mlmat succeeds" test $? -eq 0
bin=$tmp/dest/opt/mlmat/bin/mlmat
check "the binary is installed and executable" test -x "$bin"
check "the man page is installed" test -f "$tmp/dest/opt/mlmat/share/man/man1/mlmat.1"
check "the default model is installed" test -f "$tmp/dest/opt/mlmat/share/mlmat/mlops-maturity.yaml"
check "the themes are installed" test -f "$tmp/dest/opt/mlmat/share/mlmat/themes/dark.yaml"
check "the bash completion is installed as share/bash-completion/completions/mlmat" \
	cmp data/completion/mlmat.bash "$tmp/dest/opt/mlmat/share/bash-completion/completions/mlmat"
check "the zsh completion is installed as share/zsh/site-functions/_mlmat" \
	cmp data/completion/_mlmat "$tmp/dest/opt/mlmat/share/zsh/site-functions/_mlmat"
check "the installed binary holds no path of the build ($root)" sh -c "! strings -a '$bin' | grep -qF '$root'"
check "the installed binary holds no path of its build folder ($tmp/build)" sh -c "! strings -a '$bin' | grep -qF '$tmp/build'"
# Run from the source tree, it must not find the tree's themes/ (nor the
# current folder's): only the built-in, as its share folder is only staged.
check "the installed binary, run in the source tree, lists only the built-in theme" \
	sh -c "[ \"\$(cd '$root' && '$bin' theme list | cut -f 1)\" = default ]"

# Run the installed copy away from the source tree.
cd "$tmp" || exit 1
check "installed mlmat --version" "$bin" --version
check "installed mlmat model show (built-in model, no files beside it)" "$bin" model show
check "installed mlmat model check on the installed model" "$bin" model check "$tmp/dest/opt/mlmat/share/mlmat/mlops-maturity.yaml"
check "installed mlmat theme check on the installed themes" sh -c "\"$bin\" theme check $tmp/dest/opt/mlmat/share/mlmat/themes/*.yaml"
check "installed mlmat demo and report" sh -c "\"$bin\" demo --db '$tmp/d.db' --teams 2 --quarters 2 && \"$bin\" report --db '$tmp/d.db' | grep -q Overall"
warn=$(groff -ww -man -z "$tmp/dest/opt/mlmat/share/man/man1/mlmat.1" 2>&1)
check "the man page renders without warnings (groff -ww)" test -z "$warn"
cd "$root" || exit 1

# An admin's own theme in the installed share folder.
mine=$tmp/dest/opt/mlmat/share/mlmat/themes/mine.yaml
printf 'name: mine\nroles:\n  title: { fg: 201, fg8: magenta }\n' >"$mine"
mk uninstall >>"$tmp/install.log" 2>&1
check "make uninstall succeeds" test $? -eq 0
left=$(find "$tmp/dest" -type f)
check "make uninstall removes every installed file and keeps the admin's theme" test "$left" = "$mine"
check "make uninstall leaves the themes folder that still holds a file" test -d "${mine%/*}"
rm -f "$mine"
mk uninstall >>"$tmp/install.log" 2>&1
check "make uninstall again: the emptied mlmat share folder goes too" test ! -e "$tmp/dest/opt/mlmat/share/mlmat"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
