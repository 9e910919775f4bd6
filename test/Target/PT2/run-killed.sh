#!/bin/bash
# Kills a tool at a known point, for the tests of its temporary files:
#
#   run-killed.sh SIGNAL DIR PATTERN... -- COMMAND...
#
# Runs COMMAND in the background, its standard input a FIFO that is held
# open with nothing written to it, so that COMMAND waits there, reading;
# waits until every PATTERN (a shell glob, relative to DIR) names a file;
# then until COMMAND waits reading the FIFO; sends SIGNAL; and prints how
# COMMAND ended: "exit N" or "signal NAME".
# No timing: it waits for the files, polling, and gives up (printing
# "timed out waiting for PATTERN", and killing COMMAND) only after a minute.
set -u
signal=$1
dir=$2
shift 2
patterns=()
while [ "$1" != "--" ]; do
  patterns+=("$1")
  shift
done
shift

fifo=$(mktemp -u "$dir/stdin-XXXXXX")
mkfifo "$fifo"
"$@" < "$fifo" &
pid=$!
# Opening the FIFO for writing lets the command's open of it return.
exec 3> "$fifo"
rm "$fifo"

for pattern in "${patterns[@]}"; do
  for ((i = 0; ; ++i)); do
    if compgen -G "$dir/$pattern" > /dev/null; then
      break
    fi
    if ((i == 6000)); then
      echo "timed out waiting for $pattern"
      kill -KILL $pid
      wait $pid
      exit 1
    fi
    sleep 0.01
  done
done

# And until COMMAND waits in its read of the FIFO: a file exists a moment
# before the tool has registered it for removal on a signal (LLVM's
# TempFile::create), and the tools read their input only after. Where the
# kernel does not say (no wchan), after the files, as before.
for ((i = 0; i < 500; ++i)); do
  if grep -qs pipe /proc/$pid/task/*/wchan; then
    break
  fi
  sleep 0.01
done

kill -"$signal" $pid
wait $pid
status=$?
exec 3>&-
if ((status > 128)); then
  echo "signal $(kill -l $((status - 128)))"
else
  echo "exit $status"
fi
