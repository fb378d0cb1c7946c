#!/bin/sh
# make install into a temporary DESTDIR: the installed binary runs from there
# with no source tree beside it, finds the installed themes, and the man page
# renders without warnings; make uninstall removes every file.
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # description, then a command
	d=$1; shift
	if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); echo "ok   - $d"; else fail=$((fail + 1)); echo "FAIL - $d"; fi
}

make -s -C "$root" install DESTDIR="$tmp/dest" PREFIX=/opt/mlmat >"$tmp/install.log" 2>&1
check "make install DESTDIR=... PREFIX=/opt/mlmat succeeds" test $? -eq 0
bin=$tmp/dest/opt/mlmat/bin/mlmat
check "the binary is installed and executable" test -x "$bin"
check "the man page is installed" test -f "$tmp/dest/opt/mlmat/share/man/man1/mlmat.1"
check "the default model is installed" test -f "$tmp/dest/opt/mlmat/share/mlmat/mlops-maturity.yaml"
check "the themes are installed" test -f "$tmp/dest/opt/mlmat/share/mlmat/themes/dark.yaml"

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

make -s -C "$root" uninstall DESTDIR="$tmp/dest" PREFIX=/opt/mlmat >>"$tmp/install.log" 2>&1
left=$(find "$tmp/dest" -type f | wc -l)
check "make uninstall removes every installed file" test "$left" -eq 0

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
