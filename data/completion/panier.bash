# bash completion for panier: subcommands and options, read from panier's own --help so that they
# never fall behind the program; files for FILE arguments and for everything else.
_panier() {
  local cur words=() i
  cur=${COMP_WORDS[COMP_CWORD]}
  # the subcommand path typed so far (words that are not options nor option values)
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -c | --config | --db) ((i++)) ;;
      -*) ;;
      *) words+=("${COMP_WORDS[i]}") ;;
    esac
  done
  case ${COMP_WORDS[COMP_CWORD - 1]} in
    -c | --config | --db | -o | --output | --out)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return
      ;;
  esac
  local help
  help=$(command panier "${words[@]}" --help 2>/dev/null) || return
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(grep -oE -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u)" -- "$cur")
  else
    local subcommands
    subcommands=$(sed -n '/^Subcommands:/,/^$/p' <<<"$help" | awk 'NR > 1 && NF { print $1 }')
    if [[ -n $subcommands ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$subcommands" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
  fi
}
complete -o filenames -F _panier panier
