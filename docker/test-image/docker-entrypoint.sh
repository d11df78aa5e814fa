#!/usr/bin/env bash
# Entry point of the registry-free Flink base image, with the commands of the official image:
#   jobmanager   a session cluster's JobManager (StandaloneSessionClusterEntrypoint)
#   taskmanager  a TaskManager (TaskManagerRunner), memory flags computed by Flink's BashJavaUtils
#   anything else is run as a command (e.g. `flink run ...`, `bash`).
# Configuration: /opt/flink/conf/config.yaml (flat keys), updated from the environment as the
# official image does: FLINK_PROPERTIES (YAML lines `key: value`, one per line) replace or add keys;
# JOB_MANAGER_RPC_ADDRESS sets jobmanager.rpc.address. Logs go to the console (docker logs).
set -euo pipefail

# shellcheck source=flink-env.sh
. /opt/flink/bin/flink-env.sh
CONF_DIR="$FLINK_CONF_DIR"
CONF_FILE="$CONF_DIR/config.yaml"

# Sets `key: value` in the flat config file, replacing an earlier line for the same key.
set_config() {
  local key="$1" value="$2" escaped
  escaped="$(printf '%s' "$key" | sed 's/[.[\*^$/]/\\&/g')"
  sed -i "/^${escaped}:/d" "$CONF_FILE"
  printf '%s: %s\n' "$key" "$value" >> "$CONF_FILE"
}

apply_environment() {
  if [ -n "${JOB_MANAGER_RPC_ADDRESS:-}" ]; then
    set_config jobmanager.rpc.address "$JOB_MANAGER_RPC_ADDRESS"
  fi
  if [ -n "${FLINK_PROPERTIES:-}" ]; then
    while IFS= read -r line; do
      case "$line" in
        ''|'#'*) continue ;;
        *:*) set_config "$(printf '%s' "${line%%:*}" | xargs)" "$(printf '%s' "${line#*:}" | sed 's/^ *//')" ;;
        *) echo "FLINK_PROPERTIES: ignoring '$line' (expected 'key: value')" >&2 ;;
      esac
    done <<< "$FLINK_PROPERTIES"
  fi
}

# The value of a flat key in the config file, or empty.
config_value() {
  sed -n "s/^$(printf '%s' "$1" | sed 's/[.]/\\./g'): *//p" "$CONF_FILE" | tail -n 1
}

# The lines BashJavaUtils prints after its result marker (as Flink's bin/config.sh reads them).
bash_java_utils() {
  local output
  output="$(java -cp "$(class_path)" -Dlog4j.configurationFile="$CONF_DIR/log4j-console.properties" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF_DIR" 2>&1)" || {
    echo "BashJavaUtils $1 failed:" >&2; echo "$output" >&2; exit 1; }
  printf '%s\n' "$output" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

java_opts() {
  printf '%s %s %s %s' "$JAVA17_OPENS" "$(config_value env.java.opts.all)" "$(config_value "env.java.opts.$1")" \
    "${FLINK_ENV_JAVA_OPTS:-}"
}

logging() {
  printf '%s' "-Dlog4j.configurationFile=$CONF_DIR/log4j-console.properties -Dlog.file=/dev/null"
}

run_jobmanager() {
  local params jvm dynamic
  params="$(bash_java_utils GET_JM_RESOURCE_PARAMS)"
  jvm="$(printf '%s\n' "$params" | sed -n 1p)"
  dynamic="$(printf '%s\n' "$params" | sed -n 2p)"
  # shellcheck disable=SC2086 # word splitting of JVM flags and dynamic properties is intended
  exec java $jvm $(java_opts jobmanager) $(logging) -cp "$(class_path)" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$CONF_DIR" $dynamic "$@"
}

run_taskmanager() {
  local params jvm dynamic
  params="$(bash_java_utils GET_TM_RESOURCE_PARAMS)"
  jvm="$(printf '%s\n' "$params" | sed -n 1p)"
  dynamic="$(printf '%s\n' "$params" | sed -n 2p)"
  if [ -z "$jvm" ] || [ -z "$dynamic" ]; then
    echo "BashJavaUtils GET_TM_RESOURCE_PARAMS gave no JVM flags and dynamic properties: '$params'" >&2
    exit 1
  fi
  # shellcheck disable=SC2086
  exec java $jvm $(java_opts taskmanager) $(logging) -cp "$(class_path)" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF_DIR" $dynamic "$@"
}

apply_environment
case "${1:-help}" in
  jobmanager) shift; run_jobmanager "$@" ;;
  taskmanager) shift; run_taskmanager "$@" ;;
  help|--help|-h)
    echo "usage: jobmanager | taskmanager | COMMAND [ARGS...]   (config: $CONF_FILE, FLINK_PROPERTIES)" ;;
  *) exec "$@" ;;
esac
