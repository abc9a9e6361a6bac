# shellcheck shell=bash
# Stages for scripts/test (sourced; scripts/test-selftest tests them). Every stage runs, a
# failure is recorded in $STAGE_LOG instead of stopping the run, and `summarize` turns the log
# into the last line, "tests: N passed, M failed".
#
# The log holds the output of the test stages (their cargo-style "test result: ... N passed;
# M failed; ..." lines are summed) and one marker line per stage:
#   #stage exit <status> <name>     the stage ran and exited with <status>
#   #stage skip <name> (<reason>)   the stage could not run (it needs what failed): a failure
# A stage that failed counts as one failure unless it reported failing tests itself (a test
# run that fails to compile or crashes reports none, so it counts as one).

STAGE_LOG="${STAGE_LOG:-target/test-results.log}"
STAGE_STATUS=0 # the exit status of the last run_stage

# run_stage tests|check NAME COMMAND...: runs COMMAND as stage NAME. `tests` stages also write
# their output to the log, to be summed; `check` stages (fmt, clippy, build, ...) print only.
# COMMAND runs in a subshell with `set -e`, so a function fails at its first failing command
# (not under `||` or `if`, where bash would ignore `set -e` inside).
run_stage() {
  local kind="$1" name="$2" errexit=0
  shift 2
  say "$name"
  case "$-" in *e*) errexit=1 ;; esac
  set -o pipefail # a tests stage's status is its command's, not tee's
  set +e
  if [ "$kind" = tests ]; then
    (set -e; "$@") 2>&1 | tee -a "$STAGE_LOG"
  else
    (set -e; "$@")
  fi
  STAGE_STATUS=$?
  [ "$errexit" -eq 0 ] || set -e
  echo "#stage exit $STAGE_STATUS $name" >> "$STAGE_LOG"
  [ "$STAGE_STATUS" -eq 0 ] || echo "stage failed (exit $STAGE_STATUS): $name" >&2
}

# skip_stage NAME REASON: records stage NAME as not run, which counts as one failure.
skip_stage() {
  say "$1: skipped ($2)"
  echo "#stage skip $1 ($2)" >> "$STAGE_LOG"
}

# summarize [LOG]: prints the failed stages, then "tests: N passed, M failed" as the last line;
# returns 1 when M > 0.
summarize() {
  awk '
    /^test result:/ {
      for (i = 1; i < NF; i++) {
        if ($(i + 1) ~ /^passed/) passed += $i
        if ($(i + 1) ~ /^failed/) { failed += $i; reported += $i }
      }
      next
    }
    /^#stage exit / {
      name = $4; for (i = 5; i <= NF; i++) name = name " " $i
      if ($3 != 0) {
        if (reported == 0) failed += 1
        stages = stages (stages == "" ? "" : ", ") name " (exit " $3 ")"
      }
      reported = 0
      next
    }
    /^#stage skip / {
      name = $3; for (i = 4; i <= NF; i++) name = name " " $i
      failed += 1
      stages = stages (stages == "" ? "" : ", ") name
      reported = 0
      next
    }
    END {
      if (stages != "") print "failed stages: " stages
      printf "tests: %d passed, %d failed\n", passed, failed
      exit (failed > 0)
    }' "${1:-$STAGE_LOG}"
}
