#!/bin/sh
# A mutant openssl: runs the real one with exactly one behaviour removed, so that `harness
# mutate` can check that the scenarios relying on that behaviour fail ("killed").
# Usage: openssl_mutant.sh MUTANT -- REAL_COMMAND [REAL_ARGS…] [openssl arguments…]
# The mutants are described in mutants.ts; keep the two in step.
mutant=$1
shift
[ "$1" = "--" ] && shift

role=""
for a in "$@"; do
  case "$a" in s_server|s_client) role=$a; break ;; esac
done

sess_out=""
sess_in=""
skip=""
first=1
for a in "$@"; do
  if [ $first = 1 ]; then set --; first=0; fi
  if [ -n "$skip" ]; then
    case "$skip" in
      sess_out) sess_out=$a ;;
      sess_in) sess_in=$a ;;
      cafile) set -- "$@" "$a.not-the-ca"; skip=""; continue ;;
    esac
    skip=""
    continue
  fi
  case "$role:$mutant:$a" in
    s_server:no_tickets:-num_tickets) skip=drop; continue ;;
    s_server:num_tickets_dropped:-num_tickets) skip=drop; continue ;;
    s_server:no_cache_dropped:-no_cache) continue ;;
    s_client:verify_ignored:-verify_return_error) continue ;;
    s_client:untrusted_ca:-CAfile) set -- "$@" "$a"; skip=cafile; continue ;;
    s_client:*:-sess_out) skip=sess_out; continue ;;
    s_client:*:-sess_in) skip=sess_in; continue ;;
  esac
  set -- "$@" "$a"
done

case "$role:$mutant" in
  s_server:no_tickets) set -- "$@" -num_tickets 0 -no_ticket ;;
  s_server:full_handshakes) set -- "$@" -no_cache -no_ticket -num_tickets 0 ;;
  s_server:ignore_unexpected_eof) set -- "$@" -ignore_unexpected_eof ;;
  s_server:anti_replay_everywhere) set -- "$@" -early_data ;;
esac

if [ "$role" = s_client ] && [ -n "$sess_in" ]; then
  if [ "$mutant" = faked_resumption ]; then
    : # the session is not offered: a full handshake, which the client then reports as resumed
  elif [ "$mutant" = wrong_session ]; then
    # Hand back another session of the same scenario, or none at all.
    other=""
    for f in "$(dirname "$sess_in")"/*.pem; do
      [ -s "$f" ] && [ "$f" != "$sess_in" ] && ! cmp -s "$f" "$sess_in" && other=$f && break
    done
    [ -n "$other" ] && set -- "$@" -sess_in "$other"
  else
    set -- "$@" -sess_in "$sess_in"
  fi
fi

if [ "$role" = s_client ] && [ "$mutant" = faked_resumption ] && [ -n "$sess_in" ]; then
  # Both signals of the summary lie: "Reused," and no certificate chain. Only the -msg trace
  # (a Certificate message, no pre_shared_key) still tells the truth.
  [ -n "$sess_out" ] && set -- "$@" -sess_out "$sess_out"
  "$@" | sed -u -e 's/^New, /Reused, /' -e '/^Certificate chain$/d'
  exit
fi

if [ "$role" != s_client ] || [ -z "$sess_out" ]; then exec "$@"; fi

case "$mutant" in
  first_ticket_kept)
    # Every session s_client writes goes through a FIFO into numbered files; the first is kept.
    fifo="$sess_out.mutant-fifo"
    rm -f "$fifo" && mkfifo -m 600 "$fifo"
    (n=0; while [ -p "$fifo" ]; do n=$((n + 1)); cat "$fifo" > "$sess_out.mutant-$n" || break; done) &
    reader=$!
    "$@" -sess_out "$fifo"
    status=$?
    kill "$reader" 2>/dev/null
    # Release a reader blocked in open(): opening a FIFO read-write never blocks on Linux.
    exec 3<>"$fifo"
    exec 3>&-
    wait "$reader" 2>/dev/null
    rm -f "$fifo"
    # Two sessions can land in one read when s_client reopens the FIFO before the reader saw
    # EOF: keep only the first PEM block.
    [ -s "$sess_out.mutant-1" ] &&
      sed '/-----END SSL SESSION PARAMETERS-----/q' "$sess_out.mutant-1" > "$sess_out"
    rm -f "$sess_out".mutant-*
    exit $status
    ;;
  empty_session_file|corrupt_session_file)
    trap 'kill "$child" 2>/dev/null' TERM INT
    "$@" -sess_out "$sess_out" &
    child=$!
    wait "$child"
    status=$?
    if [ -e "$sess_out" ]; then
      if [ "$mutant" = empty_session_file ]; then
        : > "$sess_out"
      else
        printf 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=' |
          dd of="$sess_out" bs=1 seek=120 conv=notrunc 2>/dev/null
      fi
    fi
    exit $status
    ;;
  *) exec "$@" -sess_out "$sess_out" ;;
esac
