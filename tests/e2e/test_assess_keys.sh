#!/bin/sh
# End-to-end checks of the assessment keys of issue 14 (CONTRACT sections 3
# and 5) on the real binary in tmux: answers with auto-advance, n/a refused
# without a comment and taken with one, a comment and an evidence link, U
# undoing a wrong answer, J jumping to the next unknown, sign-off, an edit
# refused while signed off, reopening with a reason, the audit rows of each
# step, a re-assessment in a later period showing its carried answers and C
# confirming them, and MLMAT_ADVANCE=0 keeping the selection. What the
# screen showed is checked against the database (sqlite3) and `mlmat
# export`. One line per check, then "N passed, M failed".

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX MLMAT_ADVANCE
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_assess_keys: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux python3 pgrep sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_assess_keys: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-assess-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_assess_keys: cannot start tmux" >&2; exit 2; }

tm_checks_start
db=$tmp/a.db
dim1='Experiment Tracking and Reproducibility'

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	ck_what=$1
	shift
	if "$@"; then ok "$ck_what"; else bad "$ck_what"; fi
}

# q SQL: one query on the database, read-only.
q() {
	sqlite3 -readonly "$db" "$1"
}

# answer_of PERIOD CRIT: "answer|origin|comment|evidence" as the database
# holds them, empty when there is no row.
answer_of() {
	q "SELECT an.answer, an.origin, an.comment, an.evidence FROM answers an
	   JOIN assessments a ON a.id = an.assessment_id WHERE a.period = '$1' AND
	   an.criterion_id = '$2'" 2>/dev/null || echo "(query failed)"
}

# is_answer PERIOD CRIT WANT: polls until the database holds WANT.
is_answer() {
	ia_p=$1 ia_c=$2 ia_w=$3
	tm_poll A '[ "$(answer_of "$ia_p" "$ia_c")" = "$ia_w" ]' && return 0
	echo "$ia_c in $ia_p holds '$(answer_of "$ia_p" "$ia_c")', want '$ia_w'" >>"$tmp/why"
	return 1
}

# selected NAME CRIT: the selection is on CRIT (i shows its id as the title).
selected() {
	tm_keys "$1" i
	wait_for "$1" "$2 (" || return 1
	tm_keys "$1" q
	wait_gone "$1" "$2 ("
}

# export_answer PERIOD CRIT: the answer column of `mlmat export --what criteria`.
export_answer() {
	"$MLMAT" export --db "$db" --what criteria --team Acme --period "$1" | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["criterion_id"] == sys.argv[1]:
        print(r["answer"])' "$2"
}

# A new assessment of Acme in PERIOD from home.
new_assessment() {
	tm_keys A n
	wait_for A 'Facilitator' || return 1
	tm_keys A C-u
	tm_type A Acme
	tm_keys A Enter C-u
	tm_type A "$1"
	tm_keys A Enter Enter
	wait_for A "Acme  $1  dimension 1 of 8"
}

tm_dash A 120 40 "$db"
wait_for A 'No team yet'
check "a new assessment of Acme in 2026-Q3 opens at dimension 1" new_assessment 2026-Q3

# ---- auto-advance ------------------------------------------------------------
tm_keys A y
is_answer 2026-Q3 exp-shared-tracker '3|answered||' && tm_keys A n &&
	is_answer 2026-Q3 exp-run-metadata '1|answered||' && tm_keys A p &&
	is_answer 2026-Q3 exp-env-pinned '2|answered||'
check "y n p answer three criteria in turn: the selection moves on after each" \
	selected A exp-rerun-reproduces

# ---- a wrong answer undone --------------------------------------------------
tm_keys A k y
if is_answer 2026-Q3 exp-env-pinned '3|answered||'; then
	tm_keys A U
	if wait_for A 'Undid: exp-env-pinned yes -> partly' &&
		is_answer 2026-Q3 exp-env-pinned '2|answered||' &&
		[ "$(export_answer 2026-Q3 exp-env-pinned)" = partly ]; then
		ok "U undoes the wrong yes: partly again (database and export), the status line says so"
	else
		bad "U undoes the wrong yes: partly again (database and export), the status line says so" \
			"export: $(export_answer 2026-Q3 exp-env-pinned)"
	fi
else
	bad "k y answers the previous criterion yes"
fi

# ---- n/a needs a comment ----------------------------------------------------
tm_keys A a
if wait_for A 'n/a: why does exp-rerun-reproduces not apply?'; then
	tm_keys A Enter
	wait_for A 'n/a needs a comment saying why it does not apply.' && tm_keys A Escape
	if wait_for A 'Not saved: n/a needs a comment saying why.' &&
		is_answer 2026-Q3 exp-rerun-reproduces ''; then
		ok "a without a comment asks for one; left empty, n/a is refused and nothing saved"
	else
		bad "a without a comment asks for one; left empty, n/a is refused and nothing saved"
	fi
else
	bad "a on a criterion without a comment opens the comment editor"
fi
tm_keys A a
wait_for A 'n/a: why does exp-rerun-reproduces not apply?' && tm_type A 'No retraining here' &&
	tm_keys A Enter
if is_answer 2026-Q3 exp-rerun-reproduces '4|answered|No retraining here|' &&
	wait_re A 'n/a +\*'; then
	ok "a with a comment: n/a saved with its comment, shown as n/a with the comment mark"
else
	bad "a with a comment: n/a saved with its comment, shown as n/a with the comment mark"
fi
check "after n/a the selection moves on to the first level 3 criterion" \
	selected A exp-platform-integrated

# ---- comment and evidence ---------------------------------------------------
tm_keys A c
wait_for A 'Comment: exp-platform-integrated' && tm_type A 'Tracked in MLflow' && tm_keys A Enter
wait_gone A 'Enter accept'
tm_keys A E
wait_for A 'Evidence (links, documents): exp-platform-integrated' &&
	tm_type A 'https://wiki.example/mlflow' && tm_keys A Enter
if is_answer 2026-Q3 exp-platform-integrated '||Tracked in MLflow|https://wiki.example/mlflow' ||
	is_answer 2026-Q3 exp-platform-integrated '|answered|Tracked in MLflow|https://wiki.example/mlflow'; then
	ok "c and E save a comment and an evidence link on an unanswered criterion"
else
	bad "c and E save a comment and an evidence link on an unanswered criterion"
fi
check "both are shown under the selected criterion" \
	wait_all A 'Comment   Tracked in MLflow' 'Evidence  https://wiki.example/mlflow'

# ---- J ------------------------------------------------------------------------
tm_keys A k k k k
selected A exp-shared-tracker
tm_keys A J
check "J from the first criterion skips the answered ones to the first unknown" \
	selected A exp-platform-integrated

# ---- sign-off, a refused edit, reopening ------------------------------------
tm_keys A S
if wait_re A 'Sign off Acme 2026-Q3\? Coverage [0-9]+%, 0 answers still carried\.'; then
	tm_keys A y
	if wait_re A 'Signed off by [^ ]+ at 20[0-9-]+T' &&
		[ -n "$(q "SELECT signed_by FROM assessments WHERE period = '2026-Q3'")" ]; then
		ok "S asks with the coverage and the carried count; y signs off, shown in the header"
	else
		bad "S asks with the coverage and the carried count; y signs off, shown in the header"
	fi
else
	bad "S asks before signing off, showing coverage and carried answers"
fi
before=$(q "SELECT count(*), group_concat(criterion_id || answer) FROM answers")
tm_keys A y
if wait_re A 'Not saved: .*signed off by .* reopen it first' &&
	[ "$(q "SELECT count(*), group_concat(criterion_id || answer) FROM answers")" = "$before" ]; then
	ok "y on the signed-off assessment is refused on the status line; the database is unchanged"
else
	bad "y on the signed-off assessment is refused on the status line; the database is unchanged"
fi
tm_keys A U
check "U on the signed-off assessment is refused too" wait_re A 'Not undone: .*signed off by'
tm_keys A S
if wait_for A 'Reopen Acme 2026-Q3'; then
	tm_keys A Enter
	wait_for A 'Reopening needs a reason.'
	tm_type A 'Evidence link was wrong'
	tm_keys A Enter
	if wait_for A 'Acme 2026-Q3 reopened.' && wait_gone A 'Signed off by' &&
		[ -z "$(q "SELECT signed_by FROM assessments WHERE period = '2026-Q3'")" ]; then
		ok "S on a signed-off assessment asks for a reason (required) and reopens it"
	else
		bad "S on a signed-off assessment asks for a reason (required) and reopens it"
	fi
else
	bad "S on a signed-off assessment asks for a reason"
fi

# ---- the audit log ------------------------------------------------------------
audit=$(q "SELECT action, detail FROM audit")
audit_has() {
	printf '%s\n' "$audit" | grep -qE "$1" && return 0
	echo "no audit row /$1/" >>"$tmp/why"
	return 1
}
if audit_has '^answer\|exp-shared-tracker: unknown -> yes$' &&
	audit_has '^answer\|exp-env-pinned: yes -> partly \(undo\)$' &&
	audit_has '^answer\|exp-rerun-reproduces: unknown -> n/a$' &&
	audit_has '^comment\|exp-rerun-reproduces: comment: No retraining here$' &&
	audit_has '^comment\|exp-platform-integrated: comment: Tracked in MLflow$' &&
	audit_has '^evidence\|exp-platform-integrated: evidence: https://wiki.example/mlflow$' &&
	audit_has '^sign-off\|Acme 2026-Q3 signed off' &&
	audit_has '^reopen\|Acme 2026-Q3 reopened .*: Evidence link was wrong$'; then
	ok "the audit log holds each step: answers, the undo, comments, evidence, sign-off, reopen"
else
	bad "the audit log holds each step: answers, the undo, comments, evidence, sign-off, reopen"
fi

# ---- carried answers in a later period --------------------------------------
tm_keys A q
wait_for A 'Teams (1)'
tm_keys A n
wait_for A 'Facilitator' && tm_keys A Enter C-u && tm_type A 2026-Q4 && tm_keys A Enter Enter
if wait_all A 'Acme  2026-Q4  dimension 1 of 8' \
	'answers carried from 2026-Q3: confirm or change them.' 'carried ~ 4 here, 4 in all' &&
	[ "$(answer_of 2026-Q4 exp-shared-tracker)" = '3|carried||' ] &&
	wait_re A 'yes +~ +Every|yes +~ +[A-Z]'; then
	ok "a re-assessment says where its answers came from and shows 4 carried (~), carried in the database"
else
	bad "a re-assessment says where its answers came from and shows 4 carried (~), carried in the database" \
		"exp-shared-tracker: $(answer_of 2026-Q4 exp-shared-tracker)"
fi
tm_keys A C
if wait_all A 'Confirm 4 carried answers of Experiment Tracking' ' answered?'; then
	tm_keys A y
	if wait_for A "Confirmed 4 carried answers of $dim1." &&
		[ "$(q "SELECT count(*) FROM answers an JOIN assessments a ON a.id = an.assessment_id
			WHERE a.period = '2026-Q4' AND an.origin = 'carried'")" = 0 ] &&
		[ "$(q "SELECT count(*) FROM audit WHERE action = 'confirm'")" = 1 ] &&
		wait_gone A 'carried ~'; then
		ok "C and y confirm the 4 carried answers: answered in the database, audited, no mark left"
	else
		bad "C and y confirm the 4 carried answers: answered in the database, audited, no mark left"
	fi
else
	bad "C asks before confirming the carried answers"
fi

# ---- the end of the last dimension ------------------------------------------
tm_keys A BTab
wait_for A 'dimension 8 of 8'
i=0
while [ $i -lt 30 ]; do tm_keys A j; i=$((i + 1)); done
tm_keys A y
check "an answer on the last criterion of the last dimension says what is left" \
	wait_re A 'Last criterion: [0-9]+ unknown, 0 carried'
tm_keys A q q
wait_session_gone A

# ---- MLMAT_ADVANCE=0 ----------------------------------------------------------
tm_start B 120 40 "env LANG=C.UTF-8 TERM=xterm-256color MLMAT_ADVANCE=0 $(shq "$MLMAT") --db $(shq "$db")"
wait_for B 'Teams (1)' && tm_keys B Enter
wait_for B 'Acme  2026-Q4  dimension 1 of 8'
tm_keys B n
tm_poll B '[ "$(answer_of 2026-Q4 exp-shared-tracker)" = "1|answered||" ]'
check "MLMAT_ADVANCE=0: after an answer the selection stays on the criterion" \
	selected B exp-shared-tracker
tm_keys B q q
wait_session_gone B

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
