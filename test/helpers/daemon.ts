/** A start command that leaves a daemon (own session, re-parented to init) holding the service's stdout/stderr. */
export const DAEMON_START = ["sh", "-c", "(setsid sleep 300 &) ; exec {python} -m uvicorn {app} --host 127.0.0.1 --port {port}"];
