# Shared by the entry point and bin/flink of the registry-free base image (sourced, not run).

FLINK_HOME="${FLINK_HOME:-/opt/flink}"
FLINK_CONF_DIR="${FLINK_CONF_DIR:-$FLINK_HOME/conf}"
export FLINK_HOME FLINK_CONF_DIR

# Flink's Java 17 module openings (the list of the distribution's config.yaml, env.java.opts.all).
JAVA17_OPENS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED \
--add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

# The jars of lib/, sorted, ':'-separated: the class path of every Flink process.
class_path() {
  local jars
  jars="$(find "$FLINK_HOME/lib" -maxdepth 1 -name '*.jar' | sort | tr '\n' ':')"
  printf '%s' "${jars%:}"
}
