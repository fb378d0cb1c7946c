#!/bin/sh
# End-to-end checks of themes (issue 6, CONTRACT section 1, README "Themes")
# on the real binary ($MLMAT, default ./mlmat), run from the repository root:
# `mlmat theme check` on the shipped themes and on the fixtures in
# tests/fixtures/themes (expected.txt says where each bad one is rejected),
# `mlmat theme list`, and the dashboard (in tmux, so it has a terminal)
# started with --theme NAME|PATH and MLMAT_THEME, good and bad, and with the
# theme's colours on the screen. One line per check, then
# "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tx_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
FIX=tests/fixtures/themes
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE
export LANG=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_themes: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v tmux >/dev/null 2>&1 || { echo "test_themes: tmux is needed" >&2; exit 2; }
# The shipped themes are found by name only by a build that knows this
# source tree (make e2e and make test build so; a plain make does not).
if ! "$MLMAT" theme list 2>/dev/null | cut -f 1 | grep -qx dark; then
	echo "test_themes: $MLMAT does not find the shipped themes by name: build it with" \
		"make MLMAT_SRCDIR=\$PWD (make e2e and make test do)" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-themes-XXXXXX") || exit 2
TX_DIR=$tmp
. tests/e2e/term-lib.sh
trap 'tx_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
# The user's own themes folder: empty unless a check fills it.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" HOME="$tmp/home"
mkdir -p "$HOME"

# Runs the command; leaves its exit status in $rc, its output in $tmp/out
# and $tmp/err.
run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

show_output() {
	echo "exit $rc; stdout: $(head -c 300 "$tmp/out" | tr '\n' '|');" \
		"stderr: $(head -c 500 "$tmp/err" | tr '\n' '|')"
}

# silent_ok NAME: the last command exited 0 and printed nothing.
silent_ok() {
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then
		ok "$1"
	else
		bad "$1" "expected exit 0 and no output" "$(show_output)"
	fi
}

# one_error NAME WANT PREFIX [SUB]: the last command exited WANT, printed
# nothing on stdout and exactly one stderr line that starts with PREFIX and
# holds SUB after it.
one_error() {
	oe_line=$(cat "$tmp/err")
	oe_rest=${oe_line#"$3"}
	if [ "$rc" -eq "$2" ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err" | tr -d ' ')" = 1 ] &&
		[ "$oe_rest" != "$oe_line" ]; then
		case $oe_rest in
		*"${4:-}"*) ok "$1"; return ;;
		esac
	fi
	bad "$1" "expected exit $2 and one line: $3...${4:-}" "$(show_output)"
}

# ---- theme check ------------------------------------------------------------

run "$MLMAT" theme check themes/*.yaml
silent_ok "theme check themes/*.yaml: exit 0, silent"

for f in themes/*.yaml; do
	run "$MLMAT" theme check "$f"
	silent_ok "theme check $f"
done

nshipped=0
for name in default dark light high-contrast mono; do
	[ -f "themes/$name.yaml" ] && nshipped=$((nshipped + 1))
done
if [ "$nshipped" = 5 ]; then
	ok "themes/ has default, dark, light, high-contrast and mono"
else
	bad "themes/ has default, dark, light, high-contrast and mono" "$(ls themes)"
fi

for f in "$FIX"/good-*.yaml; do
	run "$MLMAT" theme check "$f"
	silent_ok "theme check $f"
done

nbad=0
all_bad=
: >"$tmp/all-want"
while read -r file line col sub; do
	case $file in '' | '#'*) continue ;; esac
	nbad=$((nbad + 1))
	path=$FIX/$file
	run "$MLMAT" theme check "$path"
	one_error "theme check $file: $line:$col $sub" 1 "$path:$line:$col: error: " "$sub"
	all_bad="$all_bad $path"
	cat "$tmp/err" >>"$tmp/all-want"
done <"$FIX/expected.txt"

nfiles=0
for f in "$FIX"/bad-*.yaml; do nfiles=$((nfiles + 1)); done
if [ "$nbad" -ge 12 ] && [ "$nbad" = "$nfiles" ]; then
	ok "expected.txt lists all $nfiles bad fixtures (at least 12)"
else
	bad "expected.txt lists all $nfiles bad fixtures (at least 12)" "it lists $nbad"
fi

# All at once: each file's message as when checked alone, in order; the
# valid ones say nothing.
# shellcheck disable=SC2086 # fixture names have no spaces
run "$MLMAT" theme check themes/dark.yaml $all_bad "$FIX/good-hex.yaml"
if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/err" "$tmp/all-want"; then
	ok "theme check on all fixtures at once: each file's message, in order, exit 1"
else
	bad "theme check on all fixtures at once: each file's message, in order, exit 1" \
		"exit $rc; diff against the messages one by one:" \
		"$(diff "$tmp/all-want" "$tmp/err" | head -n 6 | tr '\n' '|')"
fi

run "$MLMAT" theme check "$FIX/no-such-theme.yaml"
one_error "theme check on a missing file: mlmat: FILE: reason" 1 \
	"mlmat: $FIX/no-such-theme.yaml: " "No such file"
run "$MLMAT" theme check themes
one_error "theme check on a folder: mlmat: FILE: reason" 1 "mlmat: themes: "
run "$MLMAT" theme check
one_error "theme check with no FILE: usage error" 2 "mlmat: "
run "$MLMAT" theme
one_error "theme with no command: usage error" 2 "mlmat: "
run "$MLMAT" theme frob
one_error "theme frob: usage error" 2 "mlmat: " frob
run "$MLMAT" theme list extra
one_error "theme list extra: usage error" 2 "mlmat: " extra

# ---- theme list ---------------------------------------------------------------

# listed NAME: how many lines of $tmp/out name NAME.
listed() {
	cut -f 1 "$tmp/out" | grep -cxF -- "$1"
}

run "$MLMAT" theme list
order=$(cut -f 1 "$tmp/out" | tr '\n' ' ')
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(head -n 1 "$tmp/out" | cut -f 1)" = default ] &&
	[ "$(listed default)" = 1 ] && [ "$(listed dark)" = 1 ] && [ "$(listed light)" = 1 ] &&
	[ "$(listed high-contrast)" = 1 ] && [ "$(listed mono)" = 1 ]; then
	ok "theme list: default first, then dark, light, high-contrast, mono, once each ($order)"
else
	bad "theme list: default first, then dark, light, high-contrast, mono, once each" \
		"$(show_output)"
fi

mkdir -p "$XDG_CONFIG_HOME/mlmat/themes"
printf 'name: mine\nroles:\n  title: { fg: 201, fg8: magenta, attrs: [bold] }\n' \
	>"$XDG_CONFIG_HOME/mlmat/themes/mine.yaml"
printf 'name: dark\nroles:\n  title: { fg: 202, fg8: red }\n' >"$XDG_CONFIG_HOME/mlmat/themes/dark.yaml"
run "$MLMAT" theme list
if [ "$rc" -eq 0 ] && [ "$(head -n 1 "$tmp/out" | cut -f 1)" = default ] &&
	[ "$(listed mine)" = 1 ] && [ "$(listed dark)" = 1 ] &&
	grep -qF "$XDG_CONFIG_HOME/mlmat/themes/dark.yaml" "$tmp/out"; then
	ok "theme list: the user's themes, and the user's dark over the shipped one"
else
	bad "theme list: the user's themes, and the user's dark over the shipped one" "$(show_output)"
fi
rm -f "$XDG_CONFIG_HOME/mlmat/themes/dark.yaml"

# ---- the dashboard with a theme -----------------------------------------------

tx_setup || { echo "test_themes: cannot start tmux" >&2; exit 2; }
db=$tmp/demo.db
if ! "$MLMAT" demo --db "$db" --teams 3 --quarters 3 >"$tmp/demo.out" 2>&1; then
	bad "mlmat demo makes the database" "$(cat "$tmp/demo.out")"
	summary
	exit 1
fi

n=0
# dash TERM ENV ARGS...: starts the dashboard in a new session ($s) with
# its stderr in $tmp/err$n; ENV is "VAR=value ..." or "".
dash() {
	d_term=$1 d_env=$2
	shift 2
	n=$((n + 1))
	s=d$n
	d_cmd="env -u MLMAT_THEME -u NO_COLOR TERM=$d_term LANG=C.UTF-8 $d_env $(shq "$MLMAT") --db $(shq "$db")"
	for d_a in "$@"; do d_cmd="$d_cmd $(shq "$d_a")"; done
	tx_start "$s" 80 24 "$d_cmd 2>$(shq "$tmp/err$n")"
}

# refused NAME WANT PREFIX [SUB]: the dashboard just started exits WANT with
# one stderr line PREFIX...SUB.
refused() {
	if tx_exit_is "$s" "$2"; then
		rc=$2
	else
		rc=255
	fi
	: >"$tmp/out"
	cp "$tmp/err$n" "$tmp/err"
	one_error "$1" "$2" "$3" "${4:-}"
	tx_stop "$s"
}

# shows NAME COLOUR...: the dashboard just started shows home; its colours
# include each COLOUR (fg:N / bg:N); q quits with 0.
shows() {
	sh_name=$1
	shift
	# The whole first frame, not one half drawn: its colours are judged.
	if ! tx_settle "$s" Teams; then
		bad "$sh_name: starts" "stderr: $(tr '\n' '|' <"$tmp/err$n")"
		tx_stop "$s"
		return
	fi
	cp "$TX_DIR/screen.e" "$tmp/screen$n.e"
	colours "$tmp/screen$n.e" >"$tmp/colours$n"
	sh_missing=
	for sh_c in "$@"; do
		grep -qxF "$sh_c" "$tmp/colours$n" || sh_missing="$sh_missing $sh_c"
	done
	tx_keys "$s" q
	sh_what="$sh_name: starts, q quits with 0"
	[ $# -gt 0 ] && sh_what="$sh_name: starts, shows its colours ($*), q quits with 0"
	if [ -z "$sh_missing" ] && tx_exit_is "$s" 0; then
		ok "$sh_what"
	else
		bad "$sh_what" \
			"missing:$sh_missing; colours: $(tr '\n' ' ' <"$tmp/colours$n")"
	fi
	tx_stop "$s"
}

dash xterm-256color "" --theme nope
refused "--theme nope: exit 1, one line mlmat: ..." 1 "mlmat: " nope
dash xterm-256color "MLMAT_THEME=nope"
refused "MLMAT_THEME=nope: exit 1, one line mlmat: ..." 1 "mlmat: " nope
dash xterm-256color "" --theme "$FIX/bad-color-name.yaml"
refused "--theme a bad file: exit 1 with FILE:LINE:COL: error:" 1 \
	"$FIX/bad-color-name.yaml:5:20: error: " colour
dash xterm-256color "" --theme "$tmp/no/such/theme.yaml"
refused "--theme a missing file: exit 1 with mlmat: FILE: reason" 1 \
	"mlmat: $tmp/no/such/theme.yaml: " "No such file"
dash xterm-256color "" --theme
refused "--theme without a value: usage error" 2 "mlmat: "

# The default theme's title is 75; dark's 117; light's 25; mine's 201.
dash xterm-256color ""
shows "no theme: the built-in" fg:32
dash xterm-256color "" --theme default
shows "--theme default: the built-in" fg:32
dash xterm-256color "" --theme themes/dark.yaml
shows "--theme themes/dark.yaml" fg:117
dash xterm-256color "" --theme dark
shows "--theme dark" fg:117
dash xterm-256color "MLMAT_THEME=light"
shows "MLMAT_THEME=light" fg:25
dash xterm-256color "MLMAT_THEME=nope" --theme dark
shows "--theme dark wins over MLMAT_THEME=nope" fg:117
dash xterm-256color "" --theme mine
shows "--theme mine from \$XDG_CONFIG_HOME/mlmat/themes" fg:201
# On an 8-colour terminal, dark's 8-colour forms: cyan title, magenta header.
dash xterm "" --theme dark
shows "--theme dark on TERM=xterm (8 colours)" fg:6 bg:5
if ! grep -qvE '^(fg|bg):[0-7]$' "$tmp/colours$n"; then
	ok "--theme dark on TERM=xterm: nothing beyond the 8 colours"
else
	bad "--theme dark on TERM=xterm: nothing beyond the 8 colours" \
		"colours: $(tr '\n' ' ' <"$tmp/colours$n")"
fi

dash xterm-256color "" --theme high-contrast
shows "--theme high-contrast" fg:14
if ! grep -qvE '^(fg|bg):([0-9]|1[0-5])$' "$tmp/colours$n"; then
	ok "--theme high-contrast: basic colours only"
else
	bad "--theme high-contrast: basic colours only" "colours: $(tr '\n' ' ' <"$tmp/colours$n")"
fi

# mono: attributes only, even on a 256-colour terminal.
dash xterm-256color "" --theme mono
shows "--theme mono"
check "--theme mono on xterm-256color: no colour escape" no_colours "$tmp/screen$n.e"

# NO_COLOR beats any theme.
dash xterm-256color "NO_COLOR=1" --theme dark
shows "NO_COLOR=1 --theme dark"
check "NO_COLOR=1 --theme dark: no colour escape" no_colours "$tmp/screen$n.e"

summary
