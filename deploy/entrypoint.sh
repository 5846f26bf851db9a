#!/bin/sh
# Entrypoint of the gpfed image: one image, four services and the console.
#
#   (no arguments) or `serve`      gpfed serve --service "$GPFED_SERVICE"
#   serve <name> | serve --service <name>
#   migrate                        gpfed migrate --service "$GPFED_SERVICE"
#   migrate <name|all> | migrate --service <name|all>
#   anything else                  passed to gpfed as it is (replay, token, asyncapi...)
#
# `exec` replaces this shell, so SIGTERM from the runtime reaches the Python process itself
# and uvicorn drains requests while the bus finishes its batch and commits offsets.
set -eu

if [ "$#" -eq 0 ]; then
    set -- serve
fi

case "$1" in
    serve | migrate)
        command="$1"
        shift
        if [ "$#" -eq 0 ]; then
            exec gpfed "$command" --service "${GPFED_SERVICE:?set GPFED_SERVICE or pass the service name}"
        fi
        case "$1" in
            -*) exec gpfed "$command" "$@" ;;
            *)
                service="$1"
                shift
                exec gpfed "$command" --service "$service" "$@"
                ;;
        esac
        ;;
    *)
        exec gpfed "$@"
        ;;
esac
