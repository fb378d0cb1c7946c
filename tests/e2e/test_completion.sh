#!/bin/sh
# The shell completions of data/completion/ (issue 16 item 6): bash's
# completion function called as bash calls it (COMP_WORDS, COMP_CWORD) for
# commands, flags, --what and --format values, theme names and team names
# read from a real demo database, names with spaces and quotes offered so
# that the shell reads them back as the name; zsh's file checked with
# `zsh -n` and by Tab in an interactive zsh in tmux, where zsh is
# installed. One line per check, then
# "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME
export LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_completion: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v bash >/dev/null 2>&1 || { echo "test_completion: bash is needed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-compl-XXXXXX") || exit 2
# tmux for the zsh checks (its ok/bad are replaced by this script's below).
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
mkdir -p "$HOME"

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   - $1"; }
bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	shift
	for why in "$@"; do echo "       $why"; done
}

db=$tmp/demo.db
other=$tmp/other.db
quoted='Data "Core" ML'
colon='Ops: Core ML'
"$MLMAT" demo --db "$db" --teams 4 --quarters 1 --seed 7 >/dev/null 2>&1 &&
	"$MLMAT" demo --db "$other" --teams 1 --quarters 1 --seed 9 >/dev/null 2>&1 ||
	{ echo "test_completion: mlmat demo failed" >&2; exit 2; }
first=$("$MLMAT" team list --db "$db" | head -n 1 | cut -f 1)
"$MLMAT" team rename "$first" "$quoted" --db "$db" >/dev/null ||
	{ echo "test_completion: mlmat team rename failed" >&2; exit 2; }
second=$("$MLMAT" team list --db "$db" | cut -f 1 | grep -vxF "$quoted" | head -n 1)
"$MLMAT" team rename "$second" "$colon" --db "$db" >/dev/null ||
	{ echo "test_completion: mlmat team rename failed" >&2; exit 2; }
"$MLMAT" team list --db "$db" | cut -f 1 >"$tmp/teams"
"$MLMAT" team list --db "$other" | cut -f 1 >"$tmp/other-teams"
"$MLMAT" theme list | cut -f 1 >"$tmp/themes"
spaced=$(grep ' ' "$tmp/teams" | grep -v '[":]' | head -n 1)
if [ -z "$spaced" ]; then
	echo "test_completion: the demo has no team name with a space" >&2
	exit 2
fi
export MLMAT_DB="$db"

# complete WORD...: the completion of the last WORD (COMP_CWORD) after the
# others, the first being the binary; one reply a line in $tmp/out, each as
# the shell reads it back (eval) in $tmp/read.
complete_words() {
	bash -c '
		. data/completion/mlmat.bash || exit 3
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_mlmat
		for r in "${COMPREPLY[@]}"; do printf "%s\n" "$r"; done >"$TMP_OUT"
		for r in "${COMPREPLY[@]}"; do eval "set -- $r" && printf "%s\n" "$1"; done >"$TMP_READ"
	' complete "$MLMAT" "$@"
}
export TMP_OUT="$tmp/out" TMP_READ="$tmp/read"

# expect NAME WANT WORD...: the replies, sorted and on one line, are WANT.
expect() {
	e_name=$1 e_want=$2
	shift 2
	complete_words "$@"
	e_got=$(sort "$tmp/out" | tr '\n' ' ' | sed 's/ $//')
	if [ "$e_got" = "$e_want" ]; then ok "$e_name"; else bad "$e_name" "want: $e_want" "got:  $e_got"; fi
}

# expect_read NAME FILE WORD...: the replies, as the shell reads them back,
# are the lines of FILE.
expect_read() {
	er_name=$1 er_file=$2
	shift 2
	complete_words "$@"
	if [ -s "$er_file" ] && [ "$(sort "$tmp/read")" = "$(sort "$er_file")" ]; then
		ok "$er_name"
	else
		bad "$er_name" "want: $(tr '\n' '|' <"$er_file")" "got:  $(tr '\n' '|' <"$tmp/out")"
	fi
}

# ---- bash ----
if bash -n data/completion/mlmat.bash; then ok "bash -n data/completion/mlmat.bash"; else bad "bash -n data/completion/mlmat.bash"; fi
expect "mlmat ex<TAB>: export" "export" ex
expect "mlmat <TAB>: every command" \
	"audit backup demo export help import init model report restore team theme" ""
expect "mlmat team <TAB>: its subcommands" "archive delete list merge rename unarchive" team ""
expect "mlmat export --what <TAB>: answers criteria roadmap audit votes" \
	"answers audit criteria roadmap votes" export --what ""
expect "mlmat export --what=c<TAB>: criteria" "criteria" export --what = c
expect "mlmat report --format <TAB>: text markdown html json" \
	"html json markdown text" report --format ""
expect "mlmat model show --format <TAB>: text yaml" "text yaml" model show --format ""
expect "mlmat export --b<TAB>: --bom" "--bom" export --b
expect "mlmat team delete X --f<TAB>: --force" "--force" team delete X --f
expect_read "mlmat --theme <TAB>: the names of mlmat theme list" "$tmp/themes" --theme ""
expect_read "mlmat team rename <TAB>: every team of mlmat team list (MLMAT_DB), read back whole" \
	"$tmp/teams" team rename ""
expect_read "mlmat export --team <TAB>: the teams too" "$tmp/teams" export --team ""
prefix=${spaced%% *}
complete_words team rename "$prefix"
if [ "$(cat "$tmp/read")" = "$spaced" ] && grep -qF "$prefix\\ " "$tmp/out"; then
	ok "mlmat team rename ${prefix}<TAB>: '$spaced', its space escaped ($(cat "$tmp/out"))"
else
	bad "mlmat team rename ${prefix}<TAB>: '$spaced', its space escaped" "got: $(cat "$tmp/out")"
fi
expect "mlmat team rename '${prefix}<TAB>: in single quotes" "'$spaced'" team rename "'$prefix"
expect "mlmat team rename \"${prefix}<TAB>: in double quotes" "\"$spaced\"" team rename "\"$prefix"
printf '%s\n' "$quoted" >"$tmp/want"
expect_read "mlmat team merge Data<TAB>: $quoted, quotes escaped, read back whole" "$tmp/want" team merge Data
expect "mlmat team rename \"Data<TAB>: $quoted inside double quotes" '"Data \"Core\" ML"' team rename '"Data'
# bash splits words at a colon as well: "Ops:\ C" comes as Ops, :, "\ C",
# and the reply replaces only what follows the colon.
expect "mlmat team rename Ops:\\ C<TAB> (split at the colon by bash): \\ Core\\ ML" \
	'\ Core\ ML' team rename Ops : '\ C'
expect "mlmat export --team=Ops:<TAB>: \\ Core\\ ML" '\ Core\ ML' export --team = Ops :
expect "mlmat team merge Ops:\\ Core\\ ML D<TAB>: the second team after a name with a colon" \
	'Data\ \"Core\"\ ML' team merge Ops : '\ Core\ ML' D
expect_read "mlmat --db OTHER team archive <TAB>: the teams of --db, not of MLMAT_DB" \
	"$tmp/other-teams" --db "$other" team archive ""
expect_read "mlmat team merge --db=OTHER A <TAB>: the second team of a merge, from --db=" \
	"$tmp/other-teams" team merge --db = "$other" A ""
expect "mlmat team rename OLD <TAB>: nothing (the new name is new)" "" team rename "$spaced" ""
MLMAT_DB=$tmp/missing.db expect "no database: no team offered" "" team rename ""
if [ ! -e "$tmp/missing.db" ]; then ok "completing teams creates no database"; else bad "completing teams creates no database"; fi
complete_words --db "$tmp/d"
if grep -qx "$tmp/demo.db" "$tmp/out"; then ok "mlmat --db <TAB>: files"; else bad "mlmat --db <TAB>: files" "$(cat "$tmp/out")"; fi

# ---- zsh ----
if command -v zsh >/dev/null 2>&1; then
	if zsh -n data/completion/_mlmat; then ok "zsh -n data/completion/_mlmat"; else bad "zsh -n data/completion/_mlmat"; fi
	if head -n 1 data/completion/_mlmat | grep -qx '#compdef mlmat'; then
		ok "_mlmat starts with #compdef mlmat"
	else
		bad "_mlmat starts with #compdef mlmat"
	fi
	# The real thing: an interactive zsh -f in tmux with compinit on
	# data/completion, a line typed and Tab pressed, the line read back.
	if command -v tmux >/dev/null 2>&1; then
		: >"$tmp/why"
		tm_setup
		mkdir -p "$tmp/zhome"
		tm_start z 150 12 "env -i HOME=$(shq "$tmp/zhome") TERM=screen PATH=$(shq "${MLMAT%/*}"):/usr/bin:/bin \
			MLMAT_DB=$(shq "$db") MLMAT_SYSTEM_CONFIG=/nonexistent LC_ALL=C.UTF-8 zsh -f"
		tm_type z "PS1='zsh> '; fpath=($(pwd)/data/completion \$fpath); autoload -U compinit; compinit -u -D; echo READY"
		tm_keys z Enter
		wait_for z READY
		# zsh_line TYPED WANT: TYPED then Tab gives the line WANT.
		zsh_line() {
			: >"$tmp/why"
			tm_keys z C-l
			tm_type z "mlmat $1"
			tm_keys z Tab
			zl_want="zsh> mlmat $2"
			tm_poll z 'grep -qxF -- "$zl_want" "$TM_DIR/screen" || grep -qxF -- "$zl_want " "$TM_DIR/screen"' 100
			zl_rc=$?
			[ "$zl_rc" -eq 0 ] || tm_dump z "wanted the line '$zl_want'"
			tm_keys z C-u
			return "$zl_rc"
		}
		if zsh_line "team rename $prefix" "team rename $(printf '%s' "$spaced" | sed 's/ /\\ /g')"; then
			ok "zsh: mlmat team rename ${prefix}<TAB> gives '$spaced', its space escaped"
		else
			bad "zsh: mlmat team rename ${prefix}<TAB> gives '$spaced', its space escaped" "$(cat "$tmp/why")"
		fi
		if zsh_line "team merge Data" 'team merge Data\ \"Core\"\ ML'; then
			ok "zsh: mlmat team merge Data<TAB> gives $quoted, quoted for the shell"
		else
			bad "zsh: mlmat team merge Data<TAB> gives $quoted, quoted for the shell" "$(cat "$tmp/why")"
		fi
		if zsh_line "export --what=cr" "export --what=criteria"; then
			ok "zsh: mlmat export --what=cr<TAB> gives criteria"
		else
			bad "zsh: mlmat export --what=cr<TAB> gives criteria" "$(cat "$tmp/why")"
		fi
		if zsh_line "report --format m" "report --format markdown"; then
			ok "zsh: mlmat report --format m<TAB> gives markdown"
		else
			bad "zsh: mlmat report --format m<TAB> gives markdown" "$(cat "$tmp/why")"
		fi
		if zsh_line "team me" "team merge"; then
			ok "zsh: mlmat team me<TAB> gives merge"
		else
			bad "zsh: mlmat team me<TAB> gives merge" "$(cat "$tmp/why")"
		fi
	fi
else
	echo "skip - zsh is not installed: no check of data/completion/_mlmat"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
