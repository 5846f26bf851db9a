"""deploy/: what can be checked without a container engine.

The compose file and the Kubernetes manifests parse; probes and health checks point at routes
the apps really serve; the image's entrypoint dispatches to `gpfed` commands that exist (the
same ones the Makefile uses); every ``GPFED_*`` variable set anywhere in deploy/ is a field of
the Settings class of the service it is given to; and a service started through the image's
entrypoint stops cleanly, and promptly, on SIGTERM.

The rendered-overlay tests use ``kubectl kustomize`` (or ``kustomize``) when one is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from gpfed.cli import main as gpfed_main
from gpfed.services import CONSOLE, SERVICES
from gpfed.services import served as spec_of
from shared.broker import Broker, free_port
from shared.settings import ServiceSettings
from tests.jwks import rsa_key, serve_jwks, write_pem

yaml = pytest.importorskip(
    "yaml", reason="pyyaml (a dev dependency in requirements.lock) is needed to parse deploy/"
)

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
ENTRYPOINT = DEPLOY / "entrypoint.sh"
HEALTHCHECK = DEPLOY / "healthcheck.py"
OVERLAYS = ("dev", "prod")

#: Read by deploy/entrypoint.sh, not by the Settings classes.
ENTRYPOINT_VARIABLES = {"GPFED_SERVICE"}
GPFED_VARIABLE = re.compile(r"\bGPFED_[A-Z0-9_]+\b")


# --- helpers -----------------------------------------------------------------------------


def settings_variables(settings: type[ServiceSettings]) -> set[str]:
    return {f"GPFED_{name.upper()}" for name in settings.model_fields}


def all_settings_variables() -> set[str]:
    names = settings_variables(ServiceSettings)
    for spec in [*SERVICES.values(), CONSOLE]:
        names |= settings_variables(spec.settings)
    return names


@cache
def routes(service: str) -> frozenset[str]:
    app = spec_of(service).create_app()
    return frozenset(getattr(route, "path", "") for route in app.routes)


def yaml_documents(path: Path) -> list[Any]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return document


def kustomize_command() -> list[str] | None:
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    return None


@cache
def rendered(overlay: str) -> tuple[dict[str, Any], ...]:
    command = kustomize_command()
    if command is None:
        pytest.skip("neither kubectl nor kustomize is installed: overlays not rendered")
    result = subprocess.run(
        [*command, str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc is not None)


def of_kind(documents: tuple[dict[str, Any], ...], kind: str) -> list[dict[str, Any]]:
    return [doc for doc in documents if doc["kind"] == kind]


def env_value(container: dict[str, Any], name: str) -> Any:
    for entry in container.get("env", []):
        if entry["name"] == name:
            return entry.get("value", entry.get("valueFrom"))
    raise KeyError(name)


def deployments_by_service(overlay: str) -> dict[str, dict[str, Any]]:
    by_service = {}
    for deployment in of_kind(rendered(overlay), "Deployment"):
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        by_service[env_value(container, "GPFED_SERVICE")] = deployment
    return by_service


def gpfed_exit_code(argv: list[str]) -> int:
    """``gpfed <argv> --help``: 0 when the command exists, 2 (usage error) when it does not."""
    with pytest.raises(SystemExit) as exit_info:
        gpfed_main([*argv, "--help"])
    return int(exit_info.value.code or 0)


# --- the files parse ---------------------------------------------------------------------


def test_compose_and_every_manifest_parse() -> None:
    assert compose()["services"]
    manifests = sorted(K8S.rglob("*.yaml"))
    assert manifests
    for path in manifests:
        documents = yaml_documents(path)
        assert documents, path
        for document in documents:
            assert "kind" in document, path


def test_compose_runs_postgres_16_kafka_in_kraft_mode_migrations_and_the_four_services() -> None:
    services = compose()["services"]
    assert set(services) == {"postgres", "kafka", "migrations", *SERVICES, CONSOLE.name}
    assert services["postgres"]["image"].startswith("postgres:16")
    assert any("init.sql" in volume for volume in services["postgres"]["volumes"])
    init = (DEPLOY / "postgres" / "init.sql").read_text()
    for service in SERVICES:
        assert f"CREATE DATABASE {service};" in init

    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert set(kafka["environment"]["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "healthcheck" in kafka and "healthcheck" in services["postgres"]

    migrations = services["migrations"]
    script = " ".join(migrations["command"])
    assert "migrate" in script
    for service in SERVICES:
        assert service in script
    assert migrations["depends_on"]["postgres"]["condition"] == "service_healthy"

    for service in SERVICES:
        definition = services[service]
        assert definition["environment"]["GPFED_SERVICE"] == service
        assert definition["environment"]["GPFED_DATABASE_URL"].endswith(f"/{service}")
        assert definition["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "kafka": {"condition": "service_healthy"},
            "migrations": {"condition": "service_completed_successfully"},
        }
        assert definition["healthcheck"]["test"]
    # The console: no database, no broker, no secret; the services' URLs within compose.
    console = services[CONSOLE.name]["environment"]
    assert console["GPFED_SERVICE"] == CONSOLE.name and "GPFED_DATABASE_URL" not in console
    assert "GPFED_JWT_SECRET" not in console
    assert console["GPFED_CONFLICTS_URL"] == "http://conflicts:8000"


def test_kustomize_base_has_one_deployment_service_and_pdb_per_service() -> None:
    documents = rendered("dev")
    names = {f"gpfed-{service}" for service in [*SERVICES, CONSOLE.name]}
    for kind in ("Deployment", "Service", "PodDisruptionBudget"):
        assert {doc["metadata"]["name"] for doc in of_kind(documents, kind)} == names, kind
    assert len(of_kind(documents, "ConfigMap")) == 1
    assert len(of_kind(documents, "Secret")) == 1
    # No migration Job to delete before each release: each pod migrates first (next test).
    assert of_kind(documents, "Job") == []


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_service_pod_migrates_its_own_database_before_it_serves(overlay: str) -> None:
    for service, deployment in deployments_by_service(overlay).items():
        pod = deployment["spec"]["template"]["spec"]
        if service == CONSOLE.name:  # no database
            assert "initContainers" not in pod
            continue
        (migrate,) = pod["initContainers"]
        container = pod["containers"][0]
        assert migrate["args"] == ["migrate"] and migrate["image"] == container["image"]
        for name in ("GPFED_SERVICE", "GPFED_DATABASE_URL"):
            assert env_value(migrate, name) == env_value(container, name), (service, name)
        assert env_value(migrate, "GPFED_BUS_ENABLED") == "false"
        assert migrate["securityContext"]["readOnlyRootFilesystem"] is True
    assert gpfed_exit_code(["migrate"]) == 0


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_a_daily_cronjob_runs_the_expiry_job_against_the_contracts_service(overlay: str) -> None:
    documents = rendered(overlay)
    (cronjob,) = of_kind(documents, "CronJob")
    spec = cronjob["spec"]
    assert spec["timeZone"] == "Europe/London" and spec["concurrencyPolicy"] == "Forbid"
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    (container,) = pod["containers"]
    assert container["args"][:2] == ["expire-due", "--url"]
    host = urlsplit(container["args"][2]).hostname
    services = {doc["metadata"]["name"]: doc for doc in of_kind(documents, "Service")}
    assert host in services, host
    assert services[host]["metadata"]["labels"]["app.kubernetes.io/component"] == "contracts"
    assert gpfed_exit_code(["expire-due"]) == 0
    given = {entry["name"] for entry in container["env"]}
    assert given == {"GPFED_JWT_SECRET", "GPFED_JWT_SIGNING_KEY_FILE", "GPFED_JWT_SIGNING_KEY_ID"}
    assert env_value(container, "GPFED_JWT_SECRET")["secretKeyRef"]["key"] == "jwt-secret"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_cronjob_can_sign_under_rs256_from_an_optional_signing_key_secret(
    overlay: str,
) -> None:
    # HS256 deployments have no gpfed-signing-key: everything that reads it is optional.
    (cronjob,) = of_kind(rendered(overlay), "CronJob")
    pod = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    kid = env_value(container, "GPFED_JWT_SIGNING_KEY_ID")["secretKeyRef"]
    assert kid == {"name": "gpfed-signing-key", "key": "kid", "optional": True}
    key_file = Path(env_value(container, "GPFED_JWT_SIGNING_KEY_FILE"))
    (mount,) = [m for m in container["volumeMounts"] if key_file.parent == Path(m["mountPath"])]
    assert mount["readOnly"] is True
    (volume,) = [v for v in pod["volumes"] if v["name"] == mount["name"]]
    assert volume["secret"]["secretName"] == "gpfed-signing-key"
    assert volume["secret"]["optional"] is True
    # Group-readable, and the group is the job's: uid 10001 can read the key, no one else.
    assert volume["secret"]["defaultMode"] == 0o440
    assert pod["securityContext"]["fsGroup"] == pod["securityContext"]["runAsGroup"]
    assert key_file.name == "private-key.pem"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_deployments_are_non_root_bounded_and_drain_within_the_grace_period(
    overlay: str,
) -> None:
    deployments = deployments_by_service(overlay)
    assert set(deployments) == {*SERVICES, CONSOLE.name}
    for service, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        container = pod["containers"][0]
        assert pod["terminationGracePeriodSeconds"] == 40, service
        assert pod["securityContext"]["runAsNonRoot"] is True, service
        assert container["securityContext"]["allowPrivilegeEscalation"] is False, service
        for bound in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][bound]), service
        if service in SERVICES:
            database = env_value(container, "GPFED_DATABASE_URL")
            assert database["secretKeyRef"]["key"] == f"{service}-database-url"
            secret = env_value(container, "GPFED_JWT_SECRET")
            assert secret["secretKeyRef"]["key"] == "jwt-secret"
            # Only federation pseudonymises NHS numbers (FHIR returns).
            names = {e["name"] for e in container["env"]}
            assert ("GPFED_PATIENT_KEY" in names) is (service == "federation"), service
        else:  # the console holds no data and verifies no token
            assert not {"GPFED_DATABASE_URL", "GPFED_JWT_SECRET"} & {
                e["name"] for e in container["env"]
            }
        # Each PodDisruptionBudget and Service selects exactly this Deployment's pods.
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
        name = deployment["metadata"]["name"]
        documents = rendered(overlay)
        (pdb,) = [
            d for d in of_kind(documents, "PodDisruptionBudget") if d["metadata"]["name"] == name
        ]
        (svc,) = [d for d in of_kind(documents, "Service") if d["metadata"]["name"] == name]
        assert pdb["spec"]["selector"]["matchLabels"] == selector
        assert svc["spec"]["selector"] == selector


# --- spread, network policies, connection budget, shutdown -------------------------------


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    """Whether a label selector (matchLabels, matchExpressions with In) matches these labels."""
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In", expression
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def pod_labels(overlay: str) -> dict[str, dict[str, str]]:
    """Every workload's pod labels: the Deployments by name, and the expiry job's pods."""
    documents = rendered(overlay)
    pods = {
        d["metadata"]["name"]: d["spec"]["template"]["metadata"]["labels"]
        for d in of_kind(documents, "Deployment")
    }
    (cronjob,) = of_kind(documents, "CronJob")
    pods["expire-due"] = cronjob["spec"]["jobTemplate"]["spec"]["template"]["metadata"]["labels"]
    return pods


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_deployment_spreads_its_own_pods_over_zones_and_nodes(overlay: str) -> None:
    pods = pod_labels(overlay)
    for deployment in of_kind(rendered(overlay), "Deployment"):
        name = deployment["metadata"]["name"]
        constraints = deployment["spec"]["template"]["spec"]["topologySpreadConstraints"]
        keys = {c["topologyKey"] for c in constraints}
        assert keys == {"topology.kubernetes.io/zone", "kubernetes.io/hostname"}, name
        for constraint in constraints:
            spread = {
                pod for pod, labels in pods.items() if selects(constraint["labelSelector"], labels)
            }
            assert spread == {name}, (name, constraint)


NAMESPACE = {"kubernetes.io/metadata.name": "gpfed"}
#: Namespaces outside gpfed's, labelled as docs/operations.md "Network policies" tells ops to.
OUTSIDE = {
    "ingress": {"kubernetes.io/metadata.name": "ingress-nginx", "gpfed.example/ingress": "true"},
    "prometheus": {"kubernetes.io/metadata.name": "monitoring", "gpfed.example/metrics": "true"},
    "dns": {"kubernetes.io/metadata.name": "kube-system"},
    "elsewhere": {"kubernetes.io/metadata.name": "default"},
}


def _peer_matches(peer: dict[str, Any], namespace: dict[str, str], labels: dict[str, str]) -> bool:
    if "namespaceSelector" in peer:
        if not selects(peer["namespaceSelector"], namespace):
            return False
    elif namespace != NAMESPACE:  # a podSelector alone means this namespace
        return False
    return "podSelector" not in peer or selects(peer["podSelector"], labels)


def _allowed_by(
    policies: list[dict[str, Any]],
    direction: str,
    own: dict[str, str],
    peer: tuple[dict[str, str], dict[str, str]],
    port: int,
    protocol: str,
) -> bool:
    """Whether the policies selecting a pod of ours (``own`` labels) let it talk, in this
    direction, to the peer (namespace labels, pod labels) on this port."""
    kind, key = ("Ingress", "from") if direction == "ingress" else ("Egress", "to")
    selecting = [
        p
        for p in policies
        if selects(p["spec"]["podSelector"], own) and kind in p["spec"]["policyTypes"]
    ]
    if not selecting:
        return True
    for policy in selecting:
        for rule in policy["spec"].get(direction, []):
            ports = rule.get("ports")
            if ports is not None and not any(
                p["port"] == port and p.get("protocol", "TCP") == protocol for p in ports
            ):
                continue
            peers = rule.get(key)
            if peers is None or any(_peer_matches(p, *peer) for p in peers):
                return True
    return False


def may_connect(
    overlay: str, source: str, target: str, port: int = 8000, protocol: str = "TCP"
) -> bool:
    """``source`` and ``target`` are workloads of ours (pod_labels) or OUTSIDE namespaces."""
    policies = of_kind(rendered(overlay), "NetworkPolicy")
    pods = pod_labels(overlay)

    def where(name: str) -> tuple[dict[str, str], dict[str, str]]:
        return (NAMESPACE, pods[name]) if name in pods else (OUTSIDE[name], {})

    egress = source not in pods or _allowed_by(
        policies, "egress", pods[source], where(target), port, protocol
    )
    ingress = target not in pods or _allowed_by(
        policies, "ingress", pods[target], where(source), port, protocol
    )
    return egress and ingress


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_policies_allow_each_workload_only_what_it_needs(overlay: str) -> None:
    policies = of_kind(rendered(overlay), "NetworkPolicy")
    # Default deny: every pod in the namespace, both directions, no rule.
    (deny,) = [p for p in policies if not {"ingress", "egress"} & set(p["spec"])]
    assert deny["spec"]["podSelector"] == {}
    assert set(deny["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    console, jobs = f"gpfed-{CONSOLE.name}", "expire-due"
    services = [f"gpfed-{s}" for s in SERVICES]
    for app in [*services, console]:
        assert may_connect(overlay, "ingress", app), app
        assert may_connect(overlay, "prometheus", app), app
        assert not may_connect(overlay, "elsewhere", app), app
        for protocol in ("UDP", "TCP"):
            assert may_connect(overlay, app, "dns", 53, protocol), app
        assert not may_connect(overlay, app, "elsewhere", 443), app
    assert may_connect(overlay, jobs, "dns", 53, "UDP")
    for service in services:
        assert may_connect(overlay, console, service)
        assert may_connect(overlay, service, "elsewhere", 5432)  # PostgreSQL, where it runs
        assert may_connect(overlay, service, "elsewhere", 9092)  # Kafka
        assert not may_connect(overlay, service, console)
        for other in services:
            assert not may_connect(overlay, service, other), (service, other)
        expiry_allowed = service == "gpfed-contracts"
        assert may_connect(overlay, jobs, service) is expiry_allowed, service
    assert not may_connect(overlay, console, "elsewhere", 5432)
    assert not may_connect(overlay, console, "elsewhere", 9092)
    assert not may_connect(overlay, jobs, "elsewhere", 5432)
    assert not may_connect(overlay, jobs, console)


def config_value(overlay: str, name: str) -> Any:
    """A setting as the pods get it: the ConfigMap's, else the Settings default."""
    (config_map,) = of_kind(rendered(overlay), "ConfigMap")
    field = ServiceSettings.model_fields[name.removeprefix("GPFED_").lower()]
    raw = config_map["data"].get(name)
    return field.default if raw is None else type(field.default)(raw)


#: PostgreSQL's defaults: max_connections, of which superuser_reserved_connections are kept for
#: superusers; and what docs/operations.md "Connection budget" keeps for ops (psql, backups).
MAX_CONNECTIONS, SUPERUSER_RESERVED, OPS_HEADROOM = 100, 3, 5


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_replica_mid_rollout_fits_postgresql_default_max_connections(overlay: str) -> None:
    per_process = config_value(overlay, "GPFED_DATABASE_POOL_SIZE") + config_value(
        overlay, "GPFED_DATABASE_MAX_OVERFLOW"
    )
    workers = config_value(overlay, "GPFED_WORKERS")
    services = {s: d for s, d in deployments_by_service(overlay).items() if s in SERVICES}
    serving = migrating = 0
    for deployment in services.values():
        # A rollout runs maxSurge new pods beside the old ones; each new pod migrates first
        # (two connections: the advisory lock's and Alembic's).
        pods = (
            deployment["spec"]["replicas"]
            + deployment["spec"]["strategy"]["rollingUpdate"]["maxSurge"]
        )
        serving += pods * workers * per_process
        migrating += 2 * len(deployment["spec"]["template"]["spec"]["initContainers"])
    total = serving + migrating + SUPERUSER_RESERVED + OPS_HEADROOM
    assert total <= MAX_CONNECTIONS, (serving, migrating)
    guide = (ROOT / "docs" / "operations.md").read_text()
    budget = guide.split("## Connection budget", 1)[1].split("\n## ", 1)[0]
    if overlay == "prod":  # the guide shows this arithmetic
        assert (
            f"= {serving}" in budget and f"= {serving + migrating + SUPERUSER_RESERVED}" in budget
        )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_shutdown_fits_the_grace_period_with_a_margin(overlay: str) -> None:
    drain = config_value(overlay, "GPFED_SHUTDOWN_DRAIN_SECONDS")
    bus = config_value(overlay, "GPFED_SHUTDOWN_BUS_SECONDS")
    for deployment in of_kind(rendered(overlay), "Deployment"):
        pod = deployment["spec"]["template"]["spec"]
        command = pod["containers"][0]["lifecycle"]["preStop"]["exec"]["command"]
        assert command[0] == "sleep"
        pre_stop = float(command[1])
        # 5 s left for uvicorn's own exit and the database pool's disposal.
        assert pre_stop + drain + bus + 5 <= pod["terminationGracePeriodSeconds"]
    defaults = ServiceSettings()
    assert 5 + defaults.shutdown_drain_seconds + defaults.shutdown_bus_seconds + 5 <= 40


# --- secrets: none in production manifests, created outside the overlay ------------------


def secret_refs(documents: tuple[dict[str, Any], ...]) -> set[tuple[str, str, bool]]:
    """(secret, key, optional) of every secretKeyRef in the documents."""
    found: set[tuple[str, str, bool]] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("secretKeyRef")
            if ref is not None:
                found.add((ref["name"], ref["key"], bool(ref.get("optional", False))))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(list(documents))
    return found


def rendered_text(overlay: str) -> str:
    return yaml.safe_dump_all(rendered(overlay))


def test_the_prod_overlay_renders_no_secret_and_no_placeholder() -> None:
    documents = rendered("prod")
    assert of_kind(documents, "Secret") == []
    text = rendered_text("prod").lower()
    for placeholder in ("change-me", "changeme", "placeholder", "set-by-service-patch"):
        assert placeholder not in text, placeholder
    # What the pods still reference, and operations.md tells ops to create.
    required = {(name, key) for name, key, optional in secret_refs(documents) if not optional}
    assert required == {("gpfed-secrets", "jwt-secret"), ("gpfed-secrets", "patient-key")} | {
        ("gpfed-secrets", f"{service}-database-url") for service in SERVICES
    }


def test_operations_guide_creates_every_secret_key_prod_references_before_the_first_apply() -> None:
    guide = (ROOT / "docs" / "operations.md").read_text()
    deploying = guide.split("## Deploying", 1)[1].split("\n## ", 1)[0]
    # Each command with its continuation lines (ending in a backslash).
    commands = re.findall(r"kubectl create secret generic (\S+)((?:.*\\\n)*.*)", deploying)
    created = {
        (name, key)
        for name, options in commands
        for key in re.findall(r"--from-(?:literal|file)=([\w.-]+)=", options)
    }
    referenced = {(name, key) for name, key, _ in secret_refs(rendered("prod"))}
    referenced.add(("gpfed-signing-key", "private-key.pem"))  # mounted as a file
    assert referenced <= created, sorted(referenced - created)
    first_apply = deploying.index("kubectl apply -k deploy/k8s/overlays/prod")
    assert deploying.index("kubectl create secret generic gpfed-secrets") < first_apply


def test_the_dev_overlay_carries_the_development_secret_the_pods_reference() -> None:
    documents = rendered("dev")
    (secret,) = of_kind(documents, "Secret")
    assert secret["metadata"]["name"] == "gpfed-secrets"
    data = secret["stringData"]
    required = {(name, key) for name, key, optional in secret_refs(documents) if not optional}
    assert required == {("gpfed-secrets", key) for key in data}
    assert "change-me" not in rendered_text("dev").lower()
    # Long enough for HS256, though only ever a development value.
    assert (
        ServiceSettings(
            environment="production", jwt_secret=data["jwt-secret"]
        ).production_problems()
        == []
    )


def test_prod_runs_in_the_production_environment_and_dev_in_development() -> None:
    def environment(overlay: str) -> str:
        (config_map,) = of_kind(rendered(overlay), "ConfigMap")
        value: str = config_map["data"]["GPFED_ENVIRONMENT"]
        return value

    assert environment("prod") == "production"
    assert environment("dev") == "development"


def test_compose_takes_the_jwt_secret_from_the_environment_and_runs_as_production() -> None:
    environment = compose()["x-gpfed-env"]
    # ${VAR:?message}: compose stops with the message when it is unset; there is no default.
    assert re.fullmatch(r"\$\{GPFED_JWT_SECRET:\?[^}]+\}", environment["GPFED_JWT_SECRET"])
    assert environment["GPFED_ENVIRONMENT"] == "${GPFED_ENVIRONMENT:-production}"
    services = compose()["services"]
    for service in SERVICES:
        given = services[service]["environment"]
        assert given["GPFED_JWT_SECRET"] == environment["GPFED_JWT_SECRET"], service
    # Federation's pseudonymisation key: required the same way, and nobody else's.
    key = services["federation"]["environment"]["GPFED_PATIENT_KEY"]
    assert re.fullmatch(r"\$\{GPFED_PATIENT_KEY:\?[^}]+\}", key)
    assert all(
        "GPFED_PATIENT_KEY" not in services[s]["environment"] for s in SERVICES if s != "federation"
    )


def test_prod_replicates_topics_three_times_and_runs_more_replicas_than_dev() -> None:
    def config(overlay: str) -> dict[str, str]:
        (config_map,) = of_kind(rendered(overlay), "ConfigMap")
        data: dict[str, str] = config_map["data"]
        return data

    assert config("prod")["GPFED_TOPIC_REPLICATION_FACTOR"] == "3"
    assert config("dev")["GPFED_TOPIC_REPLICATION_FACTOR"] == "1"
    prod = {d["spec"]["replicas"] for d in deployments_by_service("prod").values()}
    dev = {d["spec"]["replicas"] for d in deployments_by_service("dev").values()}
    assert min(prod) >= 2 and min(prod) > max(dev)


# --- probes and health checks point at real routes ---------------------------------------


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_probe_points_at_a_route_the_service_serves(overlay: str) -> None:
    for service, deployment in deployments_by_service(overlay).items():
        pod = deployment["spec"]["template"]
        container = pod["spec"]["containers"][0]
        paths = {
            probe: container[probe]["httpGet"]["path"]
            for probe in ("livenessProbe", "readinessProbe", "startupProbe")
        }
        assert paths["readinessProbe"] == "/health/ready"
        assert paths["livenessProbe"] == "/health/live"
        scraped = pod["metadata"]["annotations"]["prometheus.io/path"]
        for path in [*paths.values(), scraped]:
            assert path in routes(service), (service, path)
        port = container["ports"][0]["containerPort"]
        (config_map,) = of_kind(rendered(overlay), "ConfigMap")
        assert config_map["data"]["GPFED_PORT"] == str(port)


def test_compose_and_image_health_checks_point_at_real_routes() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    checked = re.findall(r"HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])", dockerfile)
    assert checked, "the Dockerfile has no HEALTHCHECK"
    image_check = yaml.safe_load(checked[0])
    assert image_check[-1] == "/health/live"
    services = compose()["services"]
    for service in SERVICES:
        path = services[service]["healthcheck"]["test"][-1]
        assert path in routes(service)
        assert image_check[-1] in routes(service)
    default = re.search(r'^DEFAULT_PATH = "([^"]+)"', HEALTHCHECK.read_text(), re.MULTILINE)
    assert default is not None and default.group(1) == "/health/live"


# --- the entrypoint dispatches to commands that exist ------------------------------------


def test_image_entrypoint_and_commands_match_the_cli_and_the_makefile() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["/usr/local/bin/gpfed-entrypoint"]' in dockerfile
    assert 'CMD ["serve"]' in dockerfile
    assert "COPY --chmod=0755 deploy/entrypoint.sh /usr/local/bin/gpfed-entrypoint" in dockerfile
    assert re.search(r"^USER 10001", dockerfile, re.MULTILINE)
    assert "--require-hashes -r requirements.lock" in dockerfile
    assert "GPFED_HOST=0.0.0.0" in dockerfile

    makefile = (ROOT / "Makefile").read_text()
    used = set(re.findall(r"\$\(BIN\)/gpfed (\w+)", makefile))
    used |= set(re.findall(r"exec gpfed \"?\$?(\w+)", ENTRYPOINT.read_text())) - {"command"}
    used |= {"serve", "migrate", "replay"}
    assert {"run", "migrate", "asyncapi"} <= used
    for command in sorted(used):
        assert gpfed_exit_code([command]) == 0, command
    assert gpfed_exit_code(["no-such-command"]) == 2


@pytest.fixture
def fake_gpfed(tmp_path: Path) -> Path:
    """A `gpfed` on PATH that prints its arguments, to see what the entrypoint runs."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "gpfed"
    fake.write_text('#!/bin/sh\necho "gpfed $*"\n')
    fake.chmod(0o755)
    return bin_dir


@pytest.mark.parametrize(
    ("args", "service", "expected"),
    [
        ([], "payments", "gpfed serve --service payments"),
        (["serve"], "conflicts", "gpfed serve --service conflicts"),
        (["serve", "federation"], None, "gpfed serve --service federation"),
        (["serve", "--service", "contracts"], None, "gpfed serve --service contracts"),
        (["migrate"], "payments", "gpfed migrate --service payments"),
        (["migrate", "all"], None, "gpfed migrate --service all"),
        (
            ["replay", "--service", "payments", "--since", "2026-11-01T00:00:00Z"],
            None,
            "gpfed replay --service payments --since 2026-11-01T00:00:00Z",
        ),
        (["token", "--role", "ops", "--org", "X24"], None, "gpfed token --role ops --org X24"),
    ],
)
def test_entrypoint_chooses_the_service_by_environment_or_argument(
    fake_gpfed: Path, args: list[str], service: str | None, expected: str
) -> None:
    env = {"PATH": f"{fake_gpfed}{os.pathsep}{os.environ['PATH']}"}
    if service is not None:
        env["GPFED_SERVICE"] = service
    result = subprocess.run(
        ["sh", str(ENTRYPOINT), *args], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_entrypoint_refuses_to_guess_the_service(fake_gpfed: Path) -> None:
    env = {"PATH": f"{fake_gpfed}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["sh", str(ENTRYPOINT)], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "GPFED_SERVICE" in result.stderr
    assert result.stdout == ""


# --- every setting in deploy/ exists -----------------------------------------------------


def test_every_gpfed_variable_anywhere_in_deploy_is_a_setting() -> None:
    known = all_settings_variables() | ENTRYPOINT_VARIABLES
    files = [p for p in DEPLOY.rglob("*") if p.is_file()]
    assert files
    for path in files:
        unknown = set(GPFED_VARIABLE.findall(path.read_text())) - known
        assert not unknown, f"{path.relative_to(ROOT)}: {sorted(unknown)}"


def test_compose_gives_each_service_only_its_own_settings() -> None:
    services = compose()["services"]
    for name, spec in [*SERVICES.items(), (CONSOLE.name, CONSOLE)]:
        given = {k for k in services[name]["environment"] if k.startswith("GPFED_")}
        unknown = given - settings_variables(spec.settings) - ENTRYPOINT_VARIABLES
        assert not unknown, (name, sorted(unknown))
    migrations = {k for k in services["migrations"]["environment"] if k.startswith("GPFED_")}
    assert not migrations - settings_variables(ServiceSettings)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_manifests_give_each_service_only_its_own_settings(overlay: str) -> None:
    (config_map,) = of_kind(rendered(overlay), "ConfigMap")
    shared = set(config_map["data"])
    assert not shared - settings_variables(ServiceSettings), sorted(shared)
    for service, deployment in deployments_by_service(overlay).items():
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        given = {entry["name"] for entry in container["env"]}
        known = settings_variables(spec_of(service).settings) | ENTRYPOINT_VARIABLES
        assert not given - known, (service, sorted(given - known))
    for deployment in of_kind(rendered(overlay), "Deployment"):
        for container in deployment["spec"]["template"]["spec"].get("initContainers", []):
            given = {entry["name"] for entry in container["env"]}
            assert not given - settings_variables(ServiceSettings) - ENTRYPOINT_VARIABLES


# --- SIGTERM on a real process started the way the image starts it -----------------------


@contextmanager
def serve_contracts(
    tmp_path: Path, broker: Broker, settings: dict[str, str] | None = None
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """contracts, migrated then served through deploy/entrypoint.sh, on SQLite and a broker,
    with these settings added to the environment."""
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GPFED_SERVICE": "contracts",
        "GPFED_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'contracts.db'}",
        "GPFED_HOST": "127.0.0.1",
        "GPFED_PORT": str(port),
        "GPFED_KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
        "GPFED_LOG_LEVEL": "INFO",
        **(settings or {}),
    }
    subprocess.run(["sh", str(ENTRYPOINT), "migrate"], env=env, check=True, timeout=120)
    process = subprocess.Popen(
        ["sh", str(ENTRYPOINT)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def served(tmp_path: Path, broker: Broker) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    with serve_contracts(tmp_path, broker) as (process, port):
        yield process, port


def _wait_ready(process: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + 60
    ready = False
    while time.monotonic() < deadline and process.poll() is None:
        try:
            ready = httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=2).status_code == 200
        except httpx.HTTPError:
            ready = False
        if ready:
            break
        time.sleep(0.2)
    assert ready, "the service never became ready"


def test_the_expiry_job_runs_through_the_image_entrypoint_against_contracts(
    served: tuple[subprocess.Popen[bytes], int],
) -> None:
    # What the CronJob runs: the image's entrypoint passes `expire-due` on to gpfed, which
    # mints a short-lived ops token with the deployment's secret and calls the service.
    process, port = served
    _wait_ready(process, port)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(
        ["sh", str(ENTRYPOINT), "expire-due", "--url", f"http://127.0.0.1:{port}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout.strip().splitlines()[-1])
    assert answer["expired"] == [] and len(answer["on"]) == 10
    refused = subprocess.run(
        ["sh", str(ENTRYPOINT), "expire-due", "--url", f"http://127.0.0.1:{port}", "--token", "x"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 1 and "401" in refused.stderr, refused.stderr


def expire_due_through_the_entrypoint(port: int, settings: dict[str, str]) -> Any:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        **settings,
    }
    return subprocess.run(
        ["sh", str(ENTRYPOINT), "expire-due", "--url", f"http://127.0.0.1:{port}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_expiry_job_signs_with_its_key_under_rs256_through_the_image_entrypoint(
    tmp_path: Path, broker: Broker
) -> None:
    # What the CronJob runs under RS256: contracts (in production) trusts the JWKS, and the job
    # signs with the private key mounted from gpfed-signing-key, under its kid.
    key = rsa_key()
    rs256 = {"GPFED_JWT_ALGORITHM": "RS256", "GPFED_ENVIRONMENT": "production"}
    with (
        serve_jwks({"scheduler": key}) as jwks,
        serve_contracts(tmp_path, broker, {**rs256, "GPFED_JWT_JWKS_URL": jwks.url}) as (
            process,
            port,
        ),
    ):
        _wait_ready(process, port)

        def signed_with(pem: Path, kid: str) -> Any:
            return expire_due_through_the_entrypoint(
                port,
                {**rs256, "GPFED_JWT_SIGNING_KEY_FILE": str(pem), "GPFED_JWT_SIGNING_KEY_ID": kid},
            )

        run = signed_with(write_pem(key, tmp_path / "scheduler.pem"), "scheduler")
        assert run.returncode == 0, run.stderr
        answer = json.loads(run.stdout.strip().splitlines()[-1])
        assert answer["expired"] == []
        stranger = write_pem(rsa_key(), tmp_path / "stranger.pem")
        for kid in ("scheduler", "unknown"):
            refused = signed_with(stranger, kid)
            assert refused.returncode == 1 and "answered 401" in refused.stderr, refused.stderr
        # The HS256 secret alone signs nothing a service under RS256 accepts.
        hs256 = expire_due_through_the_entrypoint(port, {"GPFED_JWT_ALGORITHM": "HS256"})
        assert hs256.returncode == 1 and "answered 401" in hs256.stderr, hs256.stderr


def test_a_service_started_by_the_entrypoint_stops_cleanly_on_sigterm(
    served: tuple[subprocess.Popen[bytes], int],
) -> None:
    process, port = served
    _wait_ready(process, port)

    # The entrypoint `exec`s, so the process the runtime signals is the service itself.
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=40)
    log = stderr.decode()
    # uvicorn drains, runs the lifespan's shutdown (the bus finishes its batch and commits
    # offsets), then re-raises the signal: "terminated by SIGTERM" after a clean stop.
    assert process.returncode in (0, -signal.SIGTERM), log[-2000:]
    assert time.monotonic() - started < 35, "shutdown must fit terminationGracePeriodSeconds"
    assert "Application shutdown complete" in log, log[-2000:]
    assert "Traceback" not in log, log[-2000:]


# --- the operations guide's alert rules use metrics that exist ---------------------------


def test_example_alert_rules_parse_and_use_real_metric_names() -> None:
    from prometheus_client import REGISTRY

    import shared.observability  # noqa: F401 (registers the gpfed metrics)

    guide = (ROOT / "docs" / "operations.md").read_text()
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL) if "groups:" in b]
    assert len(blocks) == 1
    rules = yaml.safe_load(blocks[0])["groups"][0]["rules"]
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum")}
    exported = {
        metric.name + suffix
        for metric in REGISTRY.collect()
        for suffix in suffixes.get(metric.type, ("",))
    }
    used = set()
    for rule in rules:
        assert rule["alert"] and rule["expr"]
        used |= set(re.findall(r"\bgpfed_[a-z_]+", rule["expr"]))
    assert used
    assert not used - exported, sorted(used - exported)
    # Counters are exported with a _total suffix; the guide names them that way.
    assert "gpfed_events_dead_lettered_total" in used
