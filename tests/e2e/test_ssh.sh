#!/bin/sh
# The README's shared-host recipe ("Running it for a team on a shared SSH
# host", issue 16 item 7), run for real: a group and two throwaway users in
# it, the setgid folder, `mlmat init`, the database made group-writable, the
# system configuration file /etc/mlmat/config.yaml naming it, and an sshd of
# our own on 127.0.0.1 (its own config, host key and authorized keys in a
# temporary folder). A facilitator's dashboard over `ssh -tt` creates an
# assessment and answers a criterion; an observer's `mlmat --read-only` over
# `ssh -tt` sees both within a few seconds; the audit names the facilitator.
# Last, without the system file, an MLMAT_DB exported in .profile is shown
# not to reach `ssh host mlmat` (the reason the recipe uses the file).
#
# It needs root (useradd, an sshd, /etc/mlmat) and openssh-server; where it
# cannot run it prints one "SKIP: ..." line and exits 0. It never replaces an
# /etc/mlmat/config.yaml that is there already, and removes the users, the
# group, the configuration file and the sshd it made at exit.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

SSHD=/usr/sbin/sshd
SYSCONF=/etc/mlmat/config.yaml

skip() {
	echo "SKIP: test_ssh: $1"
	echo "0 passed, 0 failed"
	exit 0
}

if [ ! -x "$MLMAT" ]; then
	echo "test_ssh: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
[ "$(id -u)" -eq 0 ] || skip "needs root (it adds two users and a group, and writes $SYSCONF)"
[ -x "$SSHD" ] || skip "no $SSHD (apt-get install openssh-server)"
for tool in ssh ssh-keygen useradd userdel groupadd groupdel tmux python3 pgrep; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is missing (apt-get install openssh-client passwd tmux python3 procps)"
done
[ -e "$SYSCONF" ] && skip "$SYSCONF exists already; this test writes its own and never replaces an admin's"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-ssh-XXXXXX") || exit 2
TM_DIR=$tmp
TM_POLLS=${TM_POLLS:-200}
. tests/e2e/tmux-lib.sh

grp=mlmatg$$
fac=mlmatf$$
obs=mlmato$$
made_users="" made_group=false made_etc=false made_conf=false made_run=false sshd_pid=""

# Ends what this test started, by id: the tmux server and the ssh clients in
# its panes, the sshd, then whatever still runs as the throwaway users (their
# sessions' mlmat), and removes the users, the group and the files it made.
cleanup() {
	tm_cleanup
	if [ -n "$sshd_pid" ]; then
		kill "$sshd_pid" 2>/dev/null
		wait "$sshd_pid" 2>/dev/null
	fi
	for u in $made_users; do
		for p in $(pgrep -u "$u" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
	done
	for u in $made_users; do userdel "$u" 2>/dev/null; done
	$made_group && groupdel "$grp" 2>/dev/null
	$made_conf && rm -f "$SYSCONF"
	$made_etc && rmdir /etc/mlmat 2>/dev/null
	$made_run && rmdir /run/sshd 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

tm_checks_start

# ---- the machine: a group, two users, a binary they can run --------------
# (The recipe's own steps follow the README; this part stands in for the
# admin's "adduser alice mlteam".)
groupadd "$grp" || skip "groupadd failed"
made_group=true
chmod 755 "$tmp"
mkdir -p "$tmp/home" "$tmp/bin" "$tmp/ssh"
chmod 755 "$tmp/home" "$tmp/bin" "$tmp/ssh"
for u in "$fac" "$obs"; do
	useradd -M -d "$tmp/home/$u" -s /bin/sh -G "$grp" "$u" || skip "useradd $u failed"
	made_users="$made_users $u"
	# A locked password ("!") would make sshd refuse even a key: "*" is
	# no password, not a locked account.
	usermod -p '*' "$u"
	mkdir -p "$tmp/home/$u"
	chown "$u" "$tmp/home/$u"
done
cp "$MLMAT" "$tmp/bin/mlmat"
chmod 755 "$tmp/bin/mlmat"
bin=$tmp/bin/mlmat
# Every folder above the binary must let the users through.
d=$tmp
while [ "$d" != / ]; do
	d=$(dirname "$d")
	[ "$(stat -c %A "$d" | cut -c 10)" = x ] || [ "$(stat -c %A "$d" | cut -c 10)" = t ] ||
		skip "$d is not searchable by other users (set TMPDIR to a folder that is)"
done

# ---- the recipe, as the README gives it ----------------------------------
srv=$tmp/srv/mlmat
db=$srv/mlmat.db
mkdir -p "$tmp/srv" && chmod 755 "$tmp/srv"
install -d -m 2770 -g "$grp" "$srv"
"$MLMAT" init --db "$db" >/dev/null
chgrp "$grp" "$db"
chmod 660 "$db"
if [ ! -d /etc/mlmat ]; then
	mkdir -m 755 /etc/mlmat && made_etc=true
fi
printf 'db: %s\n' "$db" >"$SYSCONF" && made_conf=true
chmod 644 "$SYSCONF"

if [ "$(stat -c '%a %G' "$srv")" = "2770 $grp" ] && [ "$(stat -c '%a %G' "$db")" = "660 $grp" ]; then
	ok "the recipe: $srv is 2770 of group $grp, mlmat.db 660 of $grp"
else
	bad "the recipe: $srv is 2770 of group $grp, mlmat.db 660 of $grp" \
		"$(stat -c '%n %a %U:%G' "$srv" "$db")"
fi

# ---- our own sshd ------------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$tmp/ssh/host_key" || skip "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/ssh/id" || skip "ssh-keygen failed"
cp "$tmp/ssh/id.pub" "$tmp/ssh/authorized_keys"
chmod 644 "$tmp/ssh/authorized_keys"
# sshd insists on its privilege separation folder.
if [ ! -d /run/sshd ]; then
	mkdir -m 755 /run/sshd && made_run=true
fi

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_sshd() {
	cat >"$tmp/ssh/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $tmp/ssh/host_key
PidFile none
AuthorizedKeysFile $tmp/ssh/authorized_keys
AllowUsers $fac $obs
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
StrictModes no
UsePAM no
PrintMotd no
PrintLastLog no
EOF
	"$SSHD" -D -e -f "$tmp/ssh/sshd_config" 2>>"$tmp/ssh/sshd.log" &
	sshd_pid=$!
}

# Our ssh client: this test's key, no known_hosts, the system's ssh_config
# (and so its SendEnv) left out.
sshc() {
	ssh -F /dev/null -p "$port" -i "$tmp/ssh/id" -o IdentitiesOnly=yes -o BatchMode=yes \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		-o ConnectTimeout=5 "$@"
}

"$SSHD" -t -f /dev/null -o "HostKey=$tmp/ssh/host_key" 2>"$tmp/ssh/t.log" ||
	skip "sshd cannot run here: $(head -n 1 "$tmp/ssh/t.log")"
started=false
for _ in 1 2 3; do
	port=$(free_port)
	start_sshd
	i=0
	while [ "$i" -lt 100 ]; do
		if sshc "$fac@127.0.0.1" true 2>/dev/null; then started=true; break; fi
		kill -0 "$sshd_pid" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	$started && break
	kill "$sshd_pid" 2>/dev/null
	wait "$sshd_pid" 2>/dev/null
	sshd_pid=""
done
if ! $started; then
	bad "an sshd of the test's own answers on 127.0.0.1" "$(tail -n 5 "$tmp/ssh/sshd.log")"
	echo "$pass passed, $fail failed"
	exit 1
fi
ok "an sshd of the test's own answers on 127.0.0.1:$port"

# sshd clears the environment: only the system configuration file can name
# the shared database for `ssh host mlmat`.
out=$(sshc "$fac@127.0.0.1" 'echo "MLMAT_DB=${MLMAT_DB-unset} MLMAT_SYSTEM_CONFIG=${MLMAT_SYSTEM_CONFIG-unset}"; id -nG' 2>&1)
case $out in
*"MLMAT_DB=unset MLMAT_SYSTEM_CONFIG=unset"*"$grp"*) ok "over ssh: no MLMAT_DB, no MLMAT_SYSTEM_CONFIG, and $fac is in $grp" ;;
*) bad "over ssh: no MLMAT_DB, no MLMAT_SYSTEM_CONFIG, and $fac is in $grp" "$out" ;;
esac
out=$(sshc "$obs@127.0.0.1" "$bin team list && echo listed" 2>&1)
case $out in
listed) ok "$obs runs $bin over ssh: team list of the configured database (empty)" ;;
*) bad "$obs runs $bin over ssh: team list of the configured database (empty)" "$out" ;;
esac

# ---- two dashboards over ssh -tt ---------------------------------------------
tm_setup || { bad "tmux starts"; echo "$pass passed, $fail failed"; exit 1; }
SSHC="ssh -F /dev/null -p $port -i $(shq "$tmp/ssh/id") -o IdentitiesOnly=yes -o BatchMode=yes"
SSHC="$SSHC -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -tt"
team="Shared Host $$"

# tm_ssh NAME USER ARGS...: a session running mlmat over ssh -tt as USER; when
# it ends, the pane stays with what mlmat printed and "EXIT=status".
tm_ssh() {
	tss_name=$1 tss_user=$2
	shift 2
	tss_cmd="$SSHC $tss_user@127.0.0.1 $(shq "$bin")"
	for tss_a in "$@"; do tss_cmd="$tss_cmd $(shq "$tss_a")"; done
	tm_start "$tss_name" 80 24 "$tss_cmd; echo EXIT=\$?; exec sleep 60"
}

# The observer first, on the empty database: it must see the team appear.
tm_ssh obs "$obs" --read-only
if wait_for obs demo; then
	ok "$obs: mlmat --read-only over ssh -tt opens the (empty) shared database"
else
	bad "$obs: mlmat --read-only over ssh -tt opens the (empty) shared database"
fi

tm_ssh fac "$fac"
wait_for fac demo && tm_keys fac n
if wait_re fac "Facilitator +$fac( |\$)"; then
	ok "$fac: mlmat over ssh -tt, n opens the form with facilitator $fac"
else
	bad "$fac: mlmat over ssh -tt, n opens the form with facilitator $fac"
fi
tm_type fac "$team"
tm_keys fac Enter Enter Enter
if wait_all fac "dimension 1 of" "$team"; then
	ok "$fac: the new assessment of '$team' opens"
else
	bad "$fac: the new assessment of '$team' opens"
fi

# The first criterion's answer as the assessment screen shows it.
first_label() {
	sed -nE 's/^[^ ] (.{6})[ ~][ *] [^ ].*/\1/p' "$TM_DIR/screen" | tr -d ' ' |
		grep -xE '\?|no|partly|yes|n/a' | head -n 1
}

t0=$(now_ms)
if wait_for obs "$team" 100; then
	ok "$obs sees the new team within 5 s ($(($(now_ms) - t0)) ms)"
else
	bad "$obs sees the new team within 5 s"
fi
tm_keys obs Enter
if wait_until obs "the assessment with its first criterion unanswered" \
	'grep -q "dimension 1 of" "$TM_DIR/screen" && [ "$(first_label)" = "?" ]'; then
	ok "$obs opens the assessment: the first criterion is unanswered"
else
	bad "$obs opens the assessment: the first criterion is unanswered"
fi

tm_keys fac y
if wait_until fac "yes on the first criterion" '[ "$(first_label)" = yes ]'; then
	ok "$fac answers yes over ssh"
else
	bad "$fac answers yes over ssh"
fi
t0=$(now_ms)
if wait_until obs "the facilitator's yes" '[ "$(first_label)" = yes ]' 100; then
	ok "$obs sees the facilitator's yes within 5 s ($(($(now_ms) - t0)) ms)"
else
	bad "$obs sees the facilitator's yes within 5 s"
fi

tm_keys obs y
if wait_until obs "a read-only message" 'tail -n 1 "$TM_DIR/screen" | grep -qi "read-only"'; then
	ok "$obs: y says read-only"
else
	bad "$obs: y says read-only"
fi

# SQLite gives -wal and -shm the database file's mode; the setgid folder
# gives them the group.
side=$(stat -c '%n %a %G' "$db-wal" "$db-shm" 2>&1)
if [ "$(stat -c '%a %G' "$db-wal" "$db-shm" 2>/dev/null | sort -u)" = "660 $grp" ]; then
	ok "the -wal and -shm files are 660 of group $grp (umask or not)"
else
	bad "the -wal and -shm files are 660 of group $grp (umask or not)" "$side"
fi

"$MLMAT" export --db "$db" --what audit >"$tmp/audit.csv" 2>&1
if python3 - "$tmp/audit.csv" "$fac" "$team" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
users = {r["os_user"] for r in rows}
sys.exit(0 if rows and users == {sys.argv[2]} else 1)
PY
then
	ok "the audit log names $fac for every change"
else
	bad "the audit log names $fac for every change" "$(head -n 5 "$tmp/audit.csv")"
fi

tm_keys fac q q
tm_keys obs q q
if wait_for fac EXIT=0 && wait_for obs EXIT=0; then
	ok "both dashboards quit with q: mlmat and ssh exit 0"
else
	bad "both dashboards quit with q: mlmat and ssh exit 0"
fi

# Why the system file: without it, an export in .profile does not reach
# `ssh host mlmat` (no login shell runs the command), though a login shell
# would have it.
rm -f "$SYSCONF"
printf 'export MLMAT_DB=%s\n' "$db" >"$tmp/home/$fac/.profile"
chmod 644 "$tmp/home/$fac/.profile"
plain=$(sshc "$fac@127.0.0.1" "$bin team list" 2>&1)
login=$(sshc "$fac@127.0.0.1" "sh -lc '$bin team list'" 2>&1)
case "$plain|$login" in
*"$team"*"|"*) bad "without $SYSCONF, MLMAT_DB exported in .profile does not reach ssh host mlmat" "$plain" ;;
*"|$team	"*) ok "without $SYSCONF, MLMAT_DB exported in .profile does not reach ssh host mlmat (a login shell would have it)" ;;
*) bad "without $SYSCONF, MLMAT_DB exported in .profile does not reach ssh host mlmat (a login shell would have it)" \
	"plain: $plain" "login shell: $login" ;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
