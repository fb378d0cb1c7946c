# bash completion for mlmat (installed as
# $(PREFIX)/share/bash-completion/completions/mlmat).
# Commands, their flags, the values of --what and --format, theme names from
# `mlmat theme list` and team names from `mlmat team list` (of the database
# the command line names with --db, else mlmat's usual one). Team names may
# hold spaces: they are offered quoted for the shell.
# shellcheck shell=bash disable=SC2207,SC2088
# (compgen -W words hold no spaces; a '~/' typed in --db is the literal text)

# _mlmat_run ARGS...: the mlmat being completed (as typed, when it runs),
# with the --db of the command line, quiet on error.
_mlmat_run()
{
	local bin=${COMP_WORDS[0]} i db=''
	[[ $bin == */* && -x $bin ]] || bin=mlmat
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db)
			if [[ ${COMP_WORDS[i + 1]} == = ]]; then
				db=${COMP_WORDS[i + 2]}
			else
				db=${COMP_WORDS[i + 1]}
			fi
			;;
		esac
	done
	# A path typed with ~ is the shell's to expand; do it for the one case.
	[[ $db == '~/'* ]] && db=$HOME/${db#'~/'}
	if [[ -n $db ]]; then
		"$bin" "$@" --db "$db" 2>/dev/null
	else
		"$bin" "$@" 2>/dev/null
	fi
}

# _mlmat_names CUR < LINES: COMPREPLY from the first tab-separated column of
# each line that starts with CUR (dequoted), quoted as the word was begun:
# 'Data Platform', "Data Platform" or Data\ Platform.
_mlmat_names()
{
	local cur=$1 q='' word name rest
	case $cur in
	\'*) q=\' word=${cur#\'} ;;
	\"*) q=\" word=${cur#\"} ;;
	*) word=${cur//\\/} ;;
	esac
	COMPREPLY=()
	while IFS=$'\t' read -r name rest; do
		[[ -n $name && $name == "$word"* ]] || continue
		if [[ $q == \' ]]; then
			COMPREPLY+=("'${name//\'/\'\\\'\'}'")
		elif [[ $q == \" ]]; then
			name=${name//\\/\\\\} name=${name//\"/\\\"}
			name=${name//\$/\\\$} name=${name//\`/\\\`}
			COMPREPLY+=("\"$name\"")
		else
			COMPREPLY+=("$(printf '%q' "$name")")
		fi
	done
	# bash replaces only what follows the word's last colon (see _mlmat).
	[[ -n $_mlmat_colon ]] && COMPREPLY=("${COMPREPLY[@]#"$_mlmat_colon"}")
}

_mlmat_teams() { _mlmat_names "$1" < <(_mlmat_run team list); }
_mlmat_themes() { _mlmat_names "$1" < <(_mlmat_run theme list | sed 's/\t.*//'); }

_mlmat_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -- "$1"))
}

_mlmat()
{
	local cur prev cmd='' sub='' i w nargs=0 flags start=$COMP_CWORD _mlmat_colon=''

	# bash splits words at a colon too (COMP_WORDBREAKS): a team name such
	# as "ML: Core" comes as ML, :, \ Core. Glue the word being completed
	# back together; its replies then lose what precedes its last colon.
	if [[ $COMP_WORDBREAKS == *:* ]]; then
		while ((start > 1)) && [[ ${COMP_WORDS[start]} == : || ${COMP_WORDS[start - 1]} == : ]]; do
			((start--))
		done
	fi
	cur=$(IFS=; printf %s "${COMP_WORDS[*]:start:COMP_CWORD-start+1}")
	prev=${COMP_WORDS[start - 1]}
	((start < COMP_CWORD)) && _mlmat_colon=${cur%"${cur##*:}"}

	# --flag=value: the words are --flag, =, value.
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = && start -ge 2 ]]; then
		prev=${COMP_WORDS[start - 2]}
	fi

	# The command, its subcommand, and how many plain arguments come before
	# the word completed (flags and their values left out).
	for ((i = 1; i < start; i++)); do
		w=${COMP_WORDS[i]}
		# A colon and the piece after it belong to the word before.
		if [[ $w == : ]]; then
			((i + 1 < start)) && ((i++))
			continue
		fi
		case $w in
		--db | --model | --theme | --what | --team | --period | --assessment | --format | \
			--teams | --quarters | --seed | -o)
			[[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))
			((i++))
			;;
		-*) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=$w
			elif [[ -z $sub && $cmd =~ ^(team|model|theme|audit)$ ]]; then
				sub=$w
			else
				((nargs++))
			fi
			;;
		esac
	done

	case $prev in
	--what)
		COMPREPLY=($(compgen -W 'answers criteria roadmap audit votes' -- "$cur"))
		return
		;;
	--format)
		if [[ $cmd == model ]]; then
			COMPREPLY=($(compgen -W 'text yaml' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'text markdown html json' -- "$cur"))
		fi
		return
		;;
	--team)
		_mlmat_teams "$cur"
		return
		;;
	--theme)
		_mlmat_themes "$cur"
		[[ $cur == */* || ${#COMPREPLY[@]} -eq 0 ]] && _mlmat_files "$cur"
		return
		;;
	--db | --model | -o)
		_mlmat_files "$cur"
		return
		;;
	--period | --assessment | --teams | --quarters | --seed | --session-minutes)
		COMPREPLY=()
		return
		;;
	esac

	case $cmd in
	'')
		flags='--db --model --theme --no-color --ascii --read-only --session-minutes --help --version --keys'
		;;
	demo) flags='--db --teams --quarters --seed --model --force --help' ;;
	export) flags='--db --what --team --period --assessment --bom -o --force --help' ;;
	report) flags='--db --team --period --format -o --force --help' ;;
	init) flags='--db --help' ;;
	backup | restore) flags='--db --force --help' ;;
	import) flags='--db --dry-run --force --help' ;;
	audit) flags='--db --help' ;;
	model)
		flags='--help'
		[[ $sub == show ]] && flags='--model --format --help'
		;;
	theme | help) flags='--help' ;;
	team)
		flags='--db --help'
		[[ $sub == delete ]] && flags='--db --force --help'
		;;
	*) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$flags" -- "$cur"))
		return
	fi

	case $cmd in
	'')
		COMPREPLY=($(compgen -W 'demo export report init team backup restore import model theme audit help' -- "$cur"))
		;;
	help)
		[[ $nargs -eq 0 ]] &&
			COMPREPLY=($(compgen -W 'demo export report init team backup restore import model theme audit' -- "$cur"))
		;;
	team)
		case $sub in
		'') COMPREPLY=($(compgen -W 'list rename merge archive unarchive delete' -- "$cur")) ;;
		rename | archive | unarchive | delete) [[ $nargs -eq 0 ]] && _mlmat_teams "$cur" ;;
		merge) [[ $nargs -le 1 ]] && _mlmat_teams "$cur" ;;
		esac
		;;
	model)
		case $sub in
		'') COMPREPLY=($(compgen -W 'check show' -- "$cur")) ;;
		check) _mlmat_files "$cur" ;;
		esac
		;;
	theme)
		case $sub in
		'') COMPREPLY=($(compgen -W 'check list' -- "$cur")) ;;
		check) _mlmat_files "$cur" ;;
		esac
		;;
	audit)
		[[ -z $sub ]] && COMPREPLY=($(compgen -W 'verify' -- "$cur"))
		;;
	backup | restore | import)
		_mlmat_files "$cur"
		;;
	esac
}

complete -F _mlmat mlmat
