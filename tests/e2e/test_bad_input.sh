#!/bin/sh
# The catalogue of bad input (issue 8; CONTRACT section 1): the real binary
# ($MLMAT, default ./mlmat), run from the repository root.
#
# 1. The table tests/fixtures/bad-input.tsv: one row per bad input (command
#    line, databases, model and theme files with YAML bombs, terminals), each
#    with the exit status and a regular expression for stderr it must give,
#    and whether a database or file must be left unchanged (sha256 before and
#    after, and PRAGMA integrity_check = ok through the sqlite3 CLI). Every
#    case has its own copy of one demo database; the bad files it names are
#    made below, once.
# 2. In tmux: a 10x5 terminal; text with escape sequences and a right-to-left
#    override (U+202E) written into the database behind mlmat's back (as
#    another tool would), which export writes with U+FFFD for each control
#    character (CONTRACT section 4), report prints with '?' for each, and the
#    dashboard shows as text, '?' for each, without ever writing the sequence
#    or the override to the terminal (the bytes the program wrote are
#    captured with pipe-pane); notes typed into the real
#    dashboard: right-to-left and combining characters, a paste with escape
#    sequences (the editor refuses control characters: the ESC and BEL bytes
#    are dropped, the rest is the note, and the paste runs no command) and a
#    paste of 10,000 characters.
# One line per check ("ok   - ", "FAIL - ", "skip - "), then
# "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016,SC2094 # $-strings in single quotes are for sh -c and tm_poll; the table is only read
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$root/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE
export LANG=C.UTF-8

table=$root/tests/fixtures/bad-input.tsv
if [ ! -x "$MLMAT" ]; then
	echo "test_bad_input: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in python3 sqlite3 sha256sum tmux timeout; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_bad_input: $tool is needed" >&2; exit 2; }
done
[ -r "$table" ] || { echo "test_bad_input: no table $table" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-bad-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
cleanup() {
	tm_cleanup
	chmod -R u+w "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"

pass=0
fail=0
skips=0
: >"$tmp/why"

ok() {
	pass=$((pass + 1))
	echo "ok   - $1"
	: >"$tmp/why"
}

bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	shift
	for why in "$@"; do printf '       %s\n' "$why"; done
	[ -s "$tmp/why" ] && sed 's/^/       /' "$tmp/why"
	: >"$tmp/why"
}

skip() {
	skips=$((skips + 1))
	echo "skip - $1"
}

summary() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

sha() {
	if [ -f "$1" ]; then sha256sum "$1" | cut -d' ' -f1; else echo "(no file)"; fi
}

# integrity DB: PRAGMA integrity_check through the sqlite3 CLI. Run before
# the "after" sha256: closing the last connection checkpoints a WAL, so a
# change hidden in a -wal file shows in the main file's sha256.
integrity() {
	sqlite3 "$1" 'PRAGMA integrity_check;' 2>&1 | head -n 3 | tr '\n' ' ' | sed 's/ $//'
}

# ---- helpers for the table: $PTY and $WAITLOCK -----------------------------

mkdir -p "$tmp/bin" "$tmp/f" "$tmp/cases"
cat >"$tmp/bin/pty" <<'PY'
#!/usr/bin/env python3
# pty COMMAND...: COMMAND with stdin and stdout on a new 80x24 pseudo-terminal
# (its controlling terminal) and stderr kept; what it writes to the terminal is
# read and dropped. Exits with COMMAND's status, or 124 when it still runs
# after 10 s (then it is killed).
import fcntl, os, pty, select, signal, struct, sys, termios, time
argv = sys.argv[1:]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
pid = os.fork()
if pid == 0:
    os.close(master)
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    os.dup2(slave, 0)
    os.dup2(slave, 1)
    os.close(slave)
    try:
        os.execvp(argv[0], argv)
    except OSError as e:
        os.write(2, ("pty: %s: %s\n" % (argv[0], e.strerror)).encode())
        os._exit(127)
os.close(slave)
end = time.time() + 10
while True:
    r, _, _ = select.select([master], [], [], 0.05)
    if r:
        try:
            os.read(master, 65536)
        except OSError:
            pass
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    if time.time() > end:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        sys.stderr.write("pty: %s still ran after 10 s; killed\n" % argv[0])
        sys.exit(124)
if os.WIFEXITED(status):
    sys.exit(os.WEXITSTATUS(status))
sys.exit(128 + os.WTERMSIG(status))
PY
cat >"$tmp/bin/waitlock" <<'PY'
#!/usr/bin/env python3
# waitlock DB: waits (up to 5 s) until DB refuses a writer, i.e. another
# process holds its write lock; exits 1 if that never happens.
import sqlite3, sys, time
end = time.time() + 5
while time.time() < end:
    c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
    try:
        c.execute("BEGIN IMMEDIATE")
        c.execute("ROLLBACK")
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            sys.exit(0)
        raise
    finally:
        c.close()
    time.sleep(0.05)
sys.stderr.write("waitlock: nobody locked %s\n" % sys.argv[1])
sys.exit(1)
PY
cat >"$tmp/bin/interrupt" <<'PY'
#!/usr/bin/env python3
# interrupt SIG DIR COMMAND...: runs COMMAND (an export -o into DIR), stops
# it (SIGSTOP) the moment its temporary file .mlmat-export-* shows in DIR,
# sends SIG, lets it go on (SIGCONT) and waits. Exits 128 + SIG when SIG
# killed it and DIR holds no file at all then; otherwise says why on stderr
# and exits 99 (a file left) or 98 (no temporary file seen, or not killed).
import os, signal, subprocess, sys, time
sig = getattr(signal, "SIG" + sys.argv[1])
d = sys.argv[2]
os.makedirs(d, exist_ok=True)
p = subprocess.Popen(sys.argv[3:])
seen = False
end = time.time() + 20
while p.poll() is None and time.time() < end:
    if any(n.startswith(".mlmat-export-") for n in os.listdir(d)):
        os.kill(p.pid, signal.SIGSTOP)
        os.kill(p.pid, sig)
        os.kill(p.pid, signal.SIGCONT)
        seen = True
        break
    time.sleep(0.0005)
rc = p.wait()
left = sorted(os.listdir(d))
if left:
    sys.stderr.write("interrupt: files left in the folder: %s\n" % " ".join(left))
    sys.exit(99)
if not seen or rc != -sig:
    sys.stderr.write("interrupt: temporary file seen: %s; exit %d\n" % (seen, rc))
    sys.exit(98)
sys.stderr.write("interrupt: killed by %s, no temporary file left\n" % sys.argv[1])
sys.exit(128 + sig)
PY
chmod +x "$tmp/bin/pty" "$tmp/bin/waitlock" "$tmp/bin/interrupt"

# ---- the demo database and the bad files ------------------------------------

demo=$tmp/demo.db
if ! "$MLMAT" demo --db "$demo" --teams 3 --quarters 2 --seed 9 >"$tmp/demo.out" 2>&1; then
	bad "mlmat demo --teams 3 --quarters 2 --seed 9 makes the database" "$(cat "$tmp/demo.out")"
	summary
	exit 1
fi
# Everything in the main file, so that copies of it are whole.
sqlite3 "$demo" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1
rm -f "$demo-wal" "$demo-shm"

f=$tmp/f
printf 'This is not a database.\nid,team\n1,a\n' >"$f/text.db"
: >"$f/zero.db"
mkdir "$f/folder.db"
cp "$demo" "$f/newer.db" && sqlite3 "$f/newer.db" 'PRAGMA user_version = 99;'
rm -f "$f/newer.db-wal" "$f/newer.db-shm"
cp "$demo" "$f/ro.db" && chmod 0444 "$f/ro.db"
printf 'keep me\r\n' >"$f/exists.csv"
mkdir "$f/ro-folder" && chmod 0555 "$f/ro-folder"
mkfifo "$f/fifo.yaml"
mkdir "$f/dir.yaml"

python3 - "$demo" "$f" <<'PY'
import os, sys
demo, f = sys.argv[1], sys.argv[2]

def w(name, data):
    with open(os.path.join(f, name), "wb") as out:
        out.write(data.encode() if isinstance(data, str) else data)

# A real database cut to half its size, written once.
data = open(demo, "rb").read()
w("trunc.db", data[: len(data) // 2])

MODEL = """id: tiny
name: Tiny
version: "1.0"
levels:
  - level: 1
    name: Start
  - level: 2
    name: End
dimensions:
  - id: one
    name: One
    criteria:
      - id: one-a
        level: 2
        text: Something checkable.
"""
THEME = """name: mine
description: Mine.
roles:
  title: { fg: red, attrs: [bold] }
  level1: { fg: black, bg: red }
"""

def lines(text):
    return text.splitlines(True)

def insert(text, lineno, line):          # line becomes line number lineno
    ls = lines(text)
    return "".join(ls[: lineno - 1] + [line + "\n"] + ls[lineno - 1:])

def replace(text, lineno, line):
    ls = lines(text)
    ls[lineno - 1] = line + "\n"
    return "".join(ls)

MiB = 1024 * 1024
big = "a" * (3 * MiB)
def pad(text):                           # over 4 MiB of comments after valid text
    return text + ("# " + "padding " * 15 + "\n") * (4 * MiB // 120 + 2)

w("m-good.yaml", MODEL)
w("m-unknown-key.yaml", insert(MODEL, 4, "owner: me"))
w("m-duplicate-key.yaml", insert(MODEL, 3, "name: Again"))
w("m-bad-level.yaml", replace(MODEL, 14, "        level: 3"))
w("m-level-word.yaml", replace(MODEL, 14, "        level: two"))
w("m-levels-gap.yaml", replace(MODEL, 7, "  - level: 3"))
w("m-tab.yaml", replace(MODEL, 6, "\tname: Start"))
w("m-anchor.yaml", replace(MODEL, 2, "name: &n Tiny"))
w("m-invalid-utf8.yaml", replace(MODEL, 2, "name: Ti").encode().replace(b"Ti\n", b"Ti\xffny\n", 1))
w("m-escaped-control.yaml", replace(MODEL, 2, 'name: "Ti\\u0007ny"'))
w("m-bidi.yaml", replace(MODEL, 15, "        text: Something \u202echeckable."))
w("m-bidi-isolate.yaml", replace(MODEL, 2, "name: Ti\u2066ny"))
w("m-bidi-escaped.yaml", replace(MODEL, 2, 'name: "Ti\\u202Dny"'))
w("m-over-4mib.yaml", pad(MODEL))
w("m-deep-seq.yaml", "[" * 10000 + "\n")
w("m-deep-map.yaml", "{a: " * 10000 + "\n")
w("m-huge-scalar.yaml", 'id: tiny\nname: Tiny\nversion: "1.0"\nlevels: ' + big + "\n")
w("m-huge-key.yaml", big + ": 1\n")
w("m-many-keys.yaml", "".join("k%d: v\n" % i for i in range(200000)))

w("t-unknown-key.yaml", insert(THEME, 3, "author: me"))
w("t-duplicate-key.yaml", insert(THEME, 2, "name: again"))
w("t-bad-level.yaml", replace(THEME, 5, "  level9: { fg: black, bg: red }"))
w("t-bad-colour.yaml", replace(THEME, 4, "  title: { fg: 256, attrs: [bold] }"))
w("t-tab.yaml", replace(THEME, 4, "\ttitle: { fg: red, attrs: [bold] }"))
w("t-anchor.yaml", replace(THEME, 4, "  title: &t { fg: red, attrs: [bold] }"))
w("t-invalid-utf8.yaml", THEME.encode().replace(b"Mine.", b"Mi\xffne.", 1))
w("t-bidi.yaml", THEME.replace("Mine.", "Mi\u202ene.", 1))
w("t-over-4mib.yaml", pad(THEME))
w("t-deep-seq.yaml", "[" * 10000 + "\n")
w("t-deep-map.yaml", "{a: " * 10000 + "\n")
w("t-huge-scalar.yaml", replace(THEME, 4, "  title: { fg: " + big + " }"))
w("t-huge-key.yaml", big + ": 1\n")
w("t-many-keys.yaml", "name: mine\ndescription: Mine.\nroles:\n" +
  "".join("  k%d: {}\n" % i for i in range(200000)))
PY
if [ ! -s "$f/trunc.db" ] || [ ! -s "$f/t-many-keys.yaml" ]; then
	echo "test_bad_input: cannot make the bad files" >&2
	exit 2
fi

# Other programs' SQLite files (issue 13): no mlmat application_id, whatever
# their user_version; one with an empty schema; one in WAL mode. Each left
# with no -wal or -shm beside it, so that a case can tell whether mlmat
# made one.
python3 - "$f" <<'PY'
import os, sqlite3, sys
f = sys.argv[1]
def make(name, sql, wal=False):
    path = os.path.join(f, name)
    c = sqlite3.connect(path, isolation_level=None)
    if wal:
        c.execute("PRAGMA journal_mode=WAL")
    c.executescript(sql)
    c.close()
    for side in ("-wal", "-shm", "-journal"):
        if os.path.exists(path + side):
            os.unlink(path + side)
NOTES = "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('mine');"
make("other-uv1.db", NOTES + "PRAGMA user_version = 1;")
make("other-uv99.db", NOTES + "PRAGMA user_version = 99;")
make("other-empty.db", "PRAGMA user_version = 0;")
make("other-wal.db", NOTES + "PRAGMA application_id = 305419896; PRAGMA user_version = 1;", wal=True)
PY
for o in other-uv1 other-uv99 other-empty other-wal; do
	[ -s "$f/$o.db" ] || { echo "test_bad_input: cannot make $o.db" >&2; exit 2; }
done
# Not regular files, a folder mlmat cannot write, a -shm that locks others
# out (issue 13).
mkfifo "$f/fifo.db"
cp "$demo" "$f/real.db" && ln -s real.db "$f/link.db"
mkdir "$f/ro-dbfolder" && cp "$demo" "$f/ro-dbfolder/mlmat.db" && chmod 0555 "$f/ro-dbfolder"
mkdir "$f/shmlock" && cp "$demo" "$f/shmlock/mlmat.db" && : >"$f/shmlock/mlmat.db-shm" &&
	chmod 0000 "$f/shmlock/mlmat.db-shm"

# The checker itself must not change a database: copy, check, compare.
cp "$demo" "$tmp/self.db"
before=$(sha "$tmp/self.db")
if [ "$(integrity "$tmp/self.db")" != ok ] || [ "$(sha "$tmp/self.db")" != "$before" ]; then
	echo "test_bad_input: PRAGMA integrity_check changes an untouched copy; cannot check" >&2
	exit 2
fi

# ---- 1. the table ------------------------------------------------------------

is_root=0
[ "$(id -u)" -eq 0 ] && is_root=1
ncases=0

# same_path SPEC: the file a "same" column names: $DB, or a file named
# relative to the folder of bad files.
same_path() {
	case $1 in
	db) printf '%s' "$DB" ;;
	*:/*) printf '%s' "${1#*:}" ;;
	*) printf '%s' "$f/${1#*:}" ;;
	esac
}

nl='
'
note() { problems="$problems$nl$1"; }

TAB=$(printf '\t')
while IFS=$TAB read -r id want re same needs cmd; do
	case $id in '' | '#'*) continue ;; esac
	ncases=$((ncases + 1))
	if [ -z "$cmd" ]; then
		bad "$id: malformed row in $(basename "$table")"
		continue
	fi
	if [ "$needs" = nonroot ] && [ "$is_root" -eq 1 ]; then
		skip "$id: as root writes succeed whatever the file mode"
		continue
	fi
	CASE=$tmp/cases/$id
	mkdir -p "$CASE/work"
	DB=$CASE/work/mlmat.db
	cp "$demo" "$DB"
	target=""
	case $same in
	-) ;;
	db | int:* | sha:*) target=$(same_path "$same") ;;
	*) bad "$id: unknown 'same' column '$same'"; continue ;;
	esac
	[ -n "$target" ] && before=$(sha "$target")
	start=$(now_ms)
	(cd "$f" && MLMAT=$MLMAT DB=$DB CASE=$CASE/work TMP=$tmp PTY=$tmp/bin/pty \
		WAITLOCK=$tmp/bin/waitlock timeout 30 sh -c "$cmd" </dev/null >"$CASE/out" 2>"$CASE/err")
	rc=$?
	ms=$(($(now_ms) - start))
	problems=""
	[ "$rc" = "$want" ] || note "exit status $rc, expected $want"
	if [ "$re" = - ]; then
		[ -s "$CASE/err" ] && note "stderr should be empty"
	elif ! grep -Eq -- "$re" "$CASE/err"; then
		note "stderr does not match /$re/"
	fi
	[ "$want" != 0 ] && [ -s "$CASE/out" ] && note "stdout is not empty: $(head -c 120 "$CASE/out" | tr '\n\033' '|?')"
	what=""
	case $same in
	db | int:*)
		chk=$(integrity "$target")
		[ "$chk" = ok ] || note "integrity_check of $(basename "$target"): $chk"
		what=", $(basename "$target") unchanged and intact" ;;
	sha:*) what=", $(basename "$target") unchanged" ;;
	esac
	if [ -n "$target" ] && [ "$(sha "$target")" != "$before" ]; then
		note "$(basename "$target") changed (sha256 differs)"
	fi
	desc="$id: exit $want, stderr $( [ "$re" = - ] && echo empty || echo "/$re/")$what"
	if [ -z "$problems" ]; then
		ok "$desc"
	else
		bad "$desc" "command: $cmd" "took ${ms} ms" \
			"stderr: $(head -c 300 "$CASE/err" | tr '\n\033' '|?')" \
			"${problems#"$nl"}"
	fi
done <"$table"
[ "$ncases" -ge 60 ] || bad "the table has at least 60 cases" "it has $ncases"

# ---- 2. terminals and text in tmux -----------------------------------------------

tm_setup || { bad "tmux starts"; summary; exit 1; }

# start_dash NAME COLS LINES DB RAW: the dashboard in tmux, every byte it
# writes appended to RAW (pipe-pane is in place before mlmat starts: the pane
# waits for an Enter first). After mlmat the pane prints EXIT=<status>.
start_dash() {
	sd_cmd="read go; env LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$4"); echo EXIT=\$?; exec sleep 120"
	tm_start "$1" "$2" "$3" "$sd_cmd" || return 1
	: >"$5"
	tm pipe-pane -o -t "=$1:" "cat >> $(shq "$5")" || return 1
	tm_keys "$1" Enter
}

exit_is() {
	wait_re "$1" '^EXIT=[0-9]+' || return 1
	ei_got=$(sed -n 's/^EXIT=\([0-9]*\).*/\1/p' "$tmp/screen" | tail -n 1)
	[ "$ei_got" = "$2" ] && return 0
	echo "exit status $ei_got, expected $2" >>"$tmp/why"
	return 1
}

# -- a 10x5 terminal
cp "$demo" "$tmp/small.db"
start_dash small 10 5 "$tmp/small.db" "$tmp/small.raw"
if wait_re small '[Tt]oo small|[Tt]erminal'; then
	ok "term-10x5: a 10x5 terminal says it is too small"
else
	bad "term-10x5: a 10x5 terminal says it is too small"
fi
tm_keys small q
if exit_is small 0; then
	ok "term-10x5: q quits with status 0"
else
	bad "term-10x5: q quits with status 0"
fi
tm kill-session -t =small >/dev/null 2>&1

# -- escape sequences written into the database by another tool
# ESC [2J clears the screen, ESC ]0;...BEL sets the window title, and
# U+202E (right-to-left override) turns what follows around on screen.
payload_sql="'x' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || char(8238) || 'y'"
esc=$tmp/esc.db
cp "$demo" "$esc"
if sqlite3 "$esc" "UPDATE dims SET notes = $payload_sql WHERE dimension_id =
		(SELECT dimension_id FROM model_dims ORDER BY model, ord LIMIT 1);
	UPDATE dims SET override_reason = $payload_sql WHERE override_level IS NOT NULL;
	UPDATE roadmap SET owner = $payload_sql;
	UPDATE teams SET name = 'Evil ' || $payload_sql
		WHERE id = (SELECT team_id FROM assessments ORDER BY team_id LIMIT 1);" 2>"$tmp/sql.err"; then
	ok "text-esc-insert: the sqlite3 CLI writes notes, override reasons, owners and a team name with ESC sequences"
else
	bad "text-esc-insert: the sqlite3 CLI writes notes, override reasons, owners and a team name with ESC sequences" "$(cat "$tmp/sql.err")"
fi
esc_sha=$(sha "$esc")

"$MLMAT" export --db "$esc" >"$tmp/esc.answers" 2>"$tmp/esc.err1"
rc1=$?
"$MLMAT" export --db "$esc" --what roadmap >"$tmp/esc.roadmap" 2>"$tmp/esc.err2"
rc2=$?
if [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ] && python3 - "$tmp/esc.answers" "$tmp/esc.roadmap" >"$tmp/esc.py" 2>&1 <<'PY'
import csv, io, re, sys
# CONTRACT section 4: control characters become U+FFFD; the rest is kept.
P = "x\ufffd[2J\ufffd]0;pwned\ufffd\u202ey"
problems = []
answers = open(sys.argv[1], "rb").read()
roadmap = open(sys.argv[2], "rb").read()
for name, data in (("answers", answers), ("roadmap", roadmap)):
    bad = re.findall(rb"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)", data)
    if bad:
        problems.append("the %s CSV holds control bytes: %r" % (name, sorted(set(bad))))
a = list(csv.DictReader(io.StringIO(answers.decode("utf-8"), newline="")))
r = list(csv.DictReader(io.StringIO(roadmap.decode("utf-8"), newline="")))
notes = [x for x in a if x["notes"] == P]
reasons = [x for x in a if x["override_reason"] == P]
teams = {x["team"] for x in a if "pwned" in x["team"]}
owners = [x for x in r if x["owner"] == P]
if not notes: problems.append("no answers row has the note exactly: %r" % sorted({x["notes"] for x in a if "pwned" in x["notes"]}))
if not reasons: problems.append("no answers row has the override reason exactly")
if teams != {"Evil " + P}: problems.append("team names: %r" % teams)
if not owners or any("pwned" in x["owner"] and x["owner"] != P for x in r):
    problems.append("roadmap owners: %r" % sorted({x["owner"] for x in r if "pwned" in x["owner"]}))
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
then
	ok "text-esc-export: export writes notes, reasons, owners and team names with ESC and BEL as U+FFFD, the rest kept (CSV parsed)"
else
	bad "text-esc-export: export writes notes, reasons, owners and team names with ESC and BEL as U+FFFD, the rest kept (CSV parsed)" \
		"exit $rc1/$rc2" "$(cat "$tmp/esc.err1" "$tmp/esc.err2" "$tmp/esc.py")"
fi

"$MLMAT" report --db "$esc" >"$tmp/esc.report" 2>"$tmp/esc.err3"
rc=$?
nesc=$(LC_ALL=C tr -cd '\033\007' <"$tmp/esc.report" | wc -c | tr -d ' ')
nbidi=$(grep -c "$(printf '\342\200\256')" "$tmp/esc.report")
if [ "$rc" -eq 0 ] && [ "$nesc" -eq 0 ] && [ "$nbidi" -eq 0 ] && grep -q 'x?\[2J?\]0;pwned??y' "$tmp/esc.report"; then
	ok "text-esc-report: report shows the text as x?[2J?]0;pwned??y and writes no ESC, BEL or U+202E"
else
	bad "text-esc-report: report shows the text as x?[2J?]0;pwned??y and writes no ESC, BEL or U+202E" \
		"exit $rc, $nesc ESC/BEL bytes, $nbidi lines with U+202E" "$(head -c 300 "$tmp/esc.err3")"
fi

# The dashboard: home (the team name), the assessment (the note, and the
# override reason on a dimension further on), the review (the owners).
start_dash escd 100 30 "$esc" "$tmp/esc.raw"
shown=0
if wait_for escd pwned && tm_keys escd Enter &&
	wait_until escd "the first dimension with its note" \
		'grep -q "dimension 1 of" "$tmp/screen" && grep -qF "x?[2J?]0;pwned??y" "$tmp/screen"'; then
	shown=1
fi
ndims=$("$MLMAT" model show 2>/dev/null | sed -n 's/^Dimensions (\([0-9]*\), [0-9]* criteria)$/\1/p')
i=1
while [ "$i" -lt "${ndims:-1}" ]; do
	i=$((i + 1))
	tm_keys escd Tab
	wait_for escd "dimension $i of" || break
done
tm_keys escd q
# The review drawn whole (owners and all) before the pane's title is read.
wait_until escd home '! grep -q "dimension [0-9]* of" "$tmp/screen" && grep -q Teams "$tmp/screen"' &&
	tm_keys escd r && wait_re escd '[Rr]oadmap|[Rr]eview' && wait_settled escd 'Quarterly review'
title=$(tm display -p -t =escd: '#{pane_title}' 2>/dev/null)
tm_keys escd q
wait_for escd Teams && tm_keys escd q
exit_is escd 0 >/dev/null 2>&1
tm kill-session -t =escd >/dev/null 2>&1
if [ "$shown" -eq 1 ]; then
	ok "text-esc-dashboard: the dashboard shows the team name and the note as text, ESC, BEL and U+202E as '?' (x?[2J?]0;pwned??y)"
else
	bad "text-esc-dashboard: the dashboard shows the team name and the note as text, ESC, BEL and U+202E as '?' (x?[2J?]0;pwned??y)"
fi
if python3 - "$tmp/esc.raw" >"$tmp/esc.py" 2>&1 <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
problems = []
if len(d) < 1000:
    problems.append("only %d bytes captured" % len(d))
# ncurses clears the screen with ESC [ H ESC [ 2 J itself; the pasted clear
# follows the 'x' of the text.
for seq in (b"\x1b]0;pwned", b"]0;pwned\x07", b"x\x1b[2J", b"\x1b[2J\x1b]0",
            "\u202e".encode(), b"\xc2\x9b"):
    if seq in d:
        problems.append("the program wrote %r to the terminal" % seq)
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
then
	ok "text-esc-raw: the bytes written to the terminal (pipe-pane) hold neither ESC ]0;pwned, the text's ESC [2J nor U+202E"
else
	bad "text-esc-raw: the bytes written to the terminal (pipe-pane) hold neither ESC ]0;pwned, the text's ESC [2J nor U+202E" "$(cat "$tmp/esc.py")"
fi
if [ "$title" != pwned ]; then
	ok "text-esc-title: the pane's title was not set to 'pwned'"
else
	bad "text-esc-title: the pane's title was not set to 'pwned'"
fi
if [ "$(integrity "$esc")" = ok ] && [ "$(sha "$esc")" = "$esc_sha" ]; then
	ok "text-esc-db: viewing, export and report leave that database unchanged and intact"
else
	bad "text-esc-db: viewing, export and report leave that database unchanged and intact"
fi

# -- notes typed into the dashboard
typed=$tmp/typed.db
cp "$demo" "$typed"
"$MLMAT" export --db "$typed" --what criteria >"$tmp/typed.before" 2>&1
"$MLMAT" export --db "$typed" --what audit >"$tmp/typed.audit0" 2>&1
rtl=$(printf '\327\251\327\234\327\225\327\235 \327\242\327\225\327\234\327\235 \302\267 \331\205\330\261\330\255\330\250\330\247 \302\267 cafe\314\201 e\314\201te')
paste=$(printf 'x\033[2J\033]0;pwned\007y')
long=$(python3 -c 'import sys; sys.stdout.write("".join(str(i // 10 % 10) if i % 10 == 0 else "abcdefghi"[i % 10 - 1] for i in range(9994)) + "END10K")')

start_dash typed 100 30 "$typed" "$tmp/typed.raw"
alive=1
wait_for typed Teams && tm_keys typed Enter && wait_for typed 'dimension 1 of' || alive=0

# edit_note TEXT [SHOWN]: e, clear, TEXT pasted literally, (with SHOWN:
# noting in $in_prompt whether the prompt, still open, comes to show SHOWN,)
# Enter; true once the prompt has closed.
edit_note() {
	tm_keys typed e && wait_for typed 'Enter accept' && tm_keys typed C-u &&
		tm_type typed "$1" || return 1
	if [ -n "${2:-}" ]; then
		in_prompt=0
		# shellcheck disable=SC2034 # read by the wait_until test
		en_shown=$2
		wait_until typed "'$2' in the open prompt" \
			'grep -qF -- "$en_shown" "$tmp/screen" && grep -q "Enter accept" "$tmp/screen"' &&
			in_prompt=1
	fi
	tm_keys typed Enter && wait_gone typed 'Enter accept'
}

if [ "$alive" -eq 1 ] && edit_note "$rtl" && wait_for typed "$(printf '\327\251\327\234\327\225\327\235')"; then
	ok "text-rtl-typed: a note with Hebrew, Arabic and combining characters is typed and shown"
else
	bad "text-rtl-typed: a note with Hebrew, Arabic and combining characters is typed and shown"
fi

if [ "$alive" -eq 1 ]; then
	tm_keys typed Tab
	wait_for typed 'dimension 2 of' || alive=0
fi
in_prompt=0
if [ "$alive" -eq 1 ] && edit_note "$paste" ']0;pwnedy' && [ "$in_prompt" -eq 1 ]; then
	ok "text-esc-typed: a paste with escape sequences stays in the open notes prompt as x[2J]0;pwnedy"
else
	bad "text-esc-typed: a paste with escape sequences stays in the open notes prompt as x[2J]0;pwnedy" \
		"(the ESC must not act as the Esc key and close the prompt, nor the rest run as commands)"
fi

# 10,000 characters pasted into the prompt of the next dimension (the
# pasted escape note above stays as it is): done when the end shows (10 s).
long_ok=0
if [ "$alive" -eq 1 ]; then
	tm_keys typed Tab
	wait_for typed 'dimension 3 of' || alive=0
fi
if [ "$alive" -eq 1 ] && tm_keys typed e && wait_for typed 'Enter accept' && tm_keys typed C-u; then
	t0=$(now_ms)
	tm_type typed "$long"
	if wait_for typed END10K 200; then
		long_ok=1
		tm_keys typed Enter
		wait_gone typed 'Enter accept' 200 || long_ok=0
	fi
	t1=$(now_ms)
	if [ "$long_ok" -eq 1 ]; then
		ok "text-long-typed: a paste of 10,000 characters into the notes prompt is taken in $((t1 - t0)) ms"
	else
		bad "text-long-typed: a paste of 10,000 characters into the notes prompt is taken within 10 s" \
			"after $((t1 - t0)) ms the end of the text has not shown"
	fi
else
	bad "text-long-typed: e opens the notes prompt for a 10,000-character paste"
fi
if [ "$long_ok" -eq 1 ]; then
	tm_keys typed q && wait_for typed Teams && tm_keys typed q
	exit_is typed 0 || bad "text-typed-quit: q q quits the dashboard with status 0"
fi
tm kill-session -t =typed >/dev/null 2>&1

"$MLMAT" export --db "$typed" >"$tmp/typed.answers" 2>&1
"$MLMAT" export --db "$typed" --what criteria >"$tmp/typed.after" 2>&1
python3 - "$tmp/typed.answers" "$rtl" "$long" "$long_ok" >"$tmp/typed.py" 2>&1 <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
rtl, long_text, long_ok = sys.argv[2], sys.argv[3], sys.argv[4] == "1"
notes = [r["notes"] for r in rows]
def say(name, good, why=""):
    print(("ok   - " if good else "FAIL - ") + name)
    if not good and why:
        print("       " + why)
say("text-rtl-stored: export has the right-to-left and combining note exactly (e + U+0301 kept apart)",
    rtl in notes, "notes with 'cafe': %r" % [n for n in notes if "cafe" in n])
want = "x[2J]0;pwnedy"
say("text-esc-stored: the pasted note is stored as its text without the ESC and BEL bytes (%s)" % want,
    want in notes, "notes now: %r" % sorted({n for n in notes if n and ("y" == n[-1:] or "pwned" in n)})[:6])
if long_ok:
    hits = [n for n in notes if n.endswith("END10K")]
    say("text-long-stored: export has the 10,000-character note exactly",
        hits == [long_text], "lengths: %r" % [len(n) for n in hits])
PY
while IFS= read -r line; do
	case $line in
	"ok   - "*) ok "${line#ok   - }" ;;
	"FAIL - "*) bad "${line#FAIL - }" ;;
	"       "*) echo "$line" ;;
	*) bad "text-typed: the export check" "$line" ;;
	esac
done <"$tmp/typed.py"
"$MLMAT" export --db "$typed" --what audit >"$tmp/typed.audit1" 2>&1
# The audit rows the session added, other than notes edits.
others=$(python3 - "$tmp/typed.audit0" "$tmp/typed.audit1" <<'PY'
import csv, sys
old = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
new = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
added = new[len(old):] if new[:len(old)] == old else new
for r in added:
    if len(r) < 5 or r[3] != "notes":
        print(",".join(r)[:160])
PY
)
if cmp -s "$tmp/typed.before" "$tmp/typed.after" && [ -z "$others" ]; then
	ok "text-typed-answers: typing and pasting notes changed no answer (criteria export and audit log)"
else
	diffs=$(diff "$tmp/typed.before" "$tmp/typed.after" | grep '^[<>]' | cut -c1-160 | head -n 4)
	bad "text-typed-answers: typing and pasting notes changed no answer (criteria export and audit log)" \
		"${diffs:-the criteria export is the same}" \
		"audit rows other than notes: $(printf '%s' "$others" | head -n 6 | tr '\n' '|')"
fi
if [ "$(integrity "$typed")" = ok ]; then
	ok "text-typed-db: the database passes integrity_check after the edits"
else
	bad "text-typed-db: the database passes integrity_check after the edits" "$(integrity "$typed")"
fi

echo "# $ncases table cases ($skips skipped)"
summary
