"""Static checks of the deployment files: they parse, agree with each other, and use only real metrics."""
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"

SERVICE_PORTS = {"profile": 8101, "matching": 8102, "scheduling": 8103, "notification": 8104}
GATEWAY_PORT = 8000
APPS = [*SERVICE_PORTS, "gateway"]
K8S_REPLICAS = {"profile": 2, "matching": 3, "scheduling": 2, "notification": 2, "gateway": 3}
TOPICS_COMMAND = ["python", "-m", "deploy.topics"]

# Every metric the code exports. Alerts and dashboards may reference no other mentornet_* name.
EXPORTED_METRICS = {
    "mentornet_events_consumed_total",
    "mentornet_consume_batch_seconds",
    "mentornet_event_lag_seconds",
    "mentornet_dead_letters_total",
    "mentornet_consumer_retries_total",
    "mentornet_outbox_published_total",
    "mentornet_outbox_pending",
    "mentornet_outbox_oldest_pending_seconds",
    "mentornet_http_requests_total",
    "mentornet_http_request_seconds",
    "mentornet_graphql_operations_total",
    "mentornet_graphql_operation_seconds",
    "mentornet_live_subscribers",
    "mentornet_upstream_requests_total",
}
HISTOGRAMS = {
    "mentornet_consume_batch_seconds",
    "mentornet_event_lag_seconds",
    "mentornet_http_request_seconds",
    "mentornet_graphql_operation_seconds",
}


def metric_names(expr: str) -> set[str]:
    names = set()
    for name in re.findall(r"\bmentornet_[a-z0-9_]+", expr):
        for suffix in ("_bucket", "_sum", "_count"):
            if name.endswith(suffix) and name.removesuffix(suffix) in HISTOGRAMS:
                name = name.removesuffix(suffix)
        names.add(name)
    return names


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text())


@pytest.fixture(scope="module")
def compose() -> dict:
    return load_yaml(ROOT / "docker-compose.yml")


@pytest.fixture(scope="module")
def k8s_docs() -> list[dict]:
    kustomization = load_yaml(K8S / "kustomization.yaml")
    docs = []
    for resource in kustomization["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / resource).read_text()) if d]
    return docs


@pytest.fixture(scope="module")
def alert_rules() -> list[dict]:
    doc = load_yaml(DEPLOY / "prometheus" / "alerts.yml")
    return [rule for group in doc["groups"] for rule in group["rules"]]


@pytest.fixture(scope="module")
def dashboard() -> dict:
    return json.loads((DEPLOY / "grafana" / "dashboards" / "mentornet.json").read_text())


def dashboard_exprs(dashboard: dict) -> list[str]:
    exprs = []
    for panel in dashboard["panels"]:
        exprs += [t["expr"] for t in panel.get("targets", [])]
    return exprs


def of_kind(docs: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


# --- image ---------------------------------------------------------------------------------------


def test_dockerfile_builds_a_slim_non_root_image_without_dev_dependencies():
    text = (DEPLOY / "docker" / "Dockerfile").read_text()
    assert re.findall(r"^FROM (\S+)", text, re.M)[-1] == "python:3.11-slim"
    user = re.findall(r"^USER (\S+)", text, re.M)[-1]
    assert user.split(":")[0] not in {"root", "0"}
    assert re.search(r"pip install \.(\s|$)", text)
    assert "[dev]" not in text
    ignore = (DEPLOY / "docker" / "Dockerfile.dockerignore").read_text().splitlines()
    patterns = [line for line in ignore if line and not line.startswith("#")]
    assert patterns[0] == "**" and "!pyproject.toml" in patterns  # allow-list: no .venv or .git in context


# --- docker compose ------------------------------------------------------------------------------


def test_compose_defines_the_whole_stack(compose):
    expected = {"postgres", "kafka", "topics", *APPS, "prometheus", "grafana"}
    assert expected <= set(compose["services"])
    assert compose["services"]["postgres"]["image"].startswith("postgres:17")
    assert "apache/kafka" in compose["services"]["kafka"]["image"]


def test_every_long_running_compose_service_has_a_healthcheck(compose):
    for name, svc in compose["services"].items():
        if name == "topics":
            continue
        assert svc.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"


def test_app_services_wait_for_healthy_infrastructure_and_topics(compose):
    for name in SERVICE_PORTS:
        deps = compose["services"][name]["depends_on"]
        assert deps["postgres"]["condition"] == "service_healthy", name
        assert deps["kafka"]["condition"] == "service_healthy", name
        assert deps["topics"]["condition"] == "service_completed_successfully", name
    gateway = compose["services"]["gateway"]["depends_on"]
    assert gateway["kafka"]["condition"] == "service_healthy"
    assert gateway["topics"]["condition"] == "service_completed_successfully"
    for name in SERVICE_PORTS:
        assert gateway[name]["condition"] == "service_healthy"


def test_app_healthchecks_probe_readyz_on_the_configured_port(compose):
    for name in APPS:
        svc = compose["services"][name]
        test = svc["healthcheck"]["test"]
        assert test[:3] == ["CMD", "python", "-c"] and "urllib" in test[3] and "/readyz" in test[3]
        port_var = "GATEWAY_PORT" if name == "gateway" else "HTTP_PORT"
        assert port_var in test[3]
        expected = GATEWAY_PORT if name == "gateway" else SERVICE_PORTS[name]
        assert int(svc["environment"][port_var]) == expected


def test_each_service_uses_its_own_role_and_schema(compose):
    init_sql = "\n".join(p.read_text() for p in sorted((DEPLOY / "docker" / "postgres-init").glob("*.sql")))
    postgres_env = compose["services"]["postgres"]["environment"]
    for name in SERVICE_PORTS:
        svc = compose["services"][name]
        env = svc["environment"]
        assert svc["command"] == ["python", "-m", f"services.{name}"]
        assert env["DATABASE_SCHEMA"] == name
        assert env["DATABASE_URL"].startswith(f"postgresql://mentornet_{name}:")
        assert f"CREATE ROLE mentornet_{name} LOGIN" in init_sql
        assert f"CREATE SCHEMA {name} AUTHORIZATION mentornet_{name};" in init_sql
        password_var = f"{name.upper()}_DB_PASSWORD"
        assert f"\\getenv {name}_password {password_var}" in init_sql
        assert password_var in postgres_env
        assert env["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"


def test_compose_secrets_default_to_marked_dev_only_values():
    text = (ROOT / "docker-compose.yml").read_text()
    defaults = re.findall(r"\$\{(\w*(?:PASSWORD|TOKEN|SECRET)\w*):-([^}]*)\}", text)
    assert {var for var, _ in defaults} >= {"POSTGRES_PASSWORD", "INTERNAL_TOKEN", "JWT_SECRET"}
    for var, default in defaults:
        assert default.startswith("dev-only-"), var
        if var == "JWT_SECRET":
            assert len(default) >= 32


def test_topics_are_created_by_deploy_topics(compose, k8s_docs):
    topics = tomllib.loads((DEPLOY / "kafka" / "topics.toml").read_text())["topics"]
    assert topics
    assert compose["services"]["topics"]["command"] == TOPICS_COMMAND
    assert compose["services"]["topics"]["restart"] == "no"
    (job,) = of_kind(k8s_docs, "Job").values()
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == TOPICS_COMMAND


# --- kubernetes ----------------------------------------------------------------------------------


def test_kustomization_lists_every_manifest_but_the_secret_template():
    listed = set(load_yaml(K8S / "kustomization.yaml")["resources"])
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.template.yaml"}
    assert listed == on_disk


def test_secret_template_holds_only_placeholders():
    secret = load_yaml(K8S / "secret.template.yaml")
    assert secret["kind"] == "Secret"
    assert all("REPLACE_ME" in v for v in secret["stringData"].values())


def test_deployments_are_probed_limited_and_non_root(k8s_docs):
    deployments = of_kind(k8s_docs, "Deployment")
    assert set(deployments) == set(APPS)
    for name, dep in deployments.items():
        assert dep["spec"]["replicas"] == K8S_REPLICAS[name], name
        pod = dep["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz", name
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz", name
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][kind]), name
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] != 0, name
        sc = container["securityContext"]
        assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False, name
        module = "gateway" if name == "gateway" else f"services.{name}"
        assert container["args"] == ["python", "-m", module]


def test_deployments_are_scraped_served_and_protected(k8s_docs):
    services, pdbs = of_kind(k8s_docs, "Service"), of_kind(k8s_docs, "PodDisruptionBudget")
    for name, dep in of_kind(k8s_docs, "Deployment").items():
        template = dep["spec"]["template"]
        labels = template["metadata"]["labels"]
        port = template["spec"]["containers"][0]["ports"][0]["containerPort"]
        assert port == (GATEWAY_PORT if name == "gateway" else SERVICE_PORTS[name])
        annotations = template["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true"
        assert annotations["prometheus.io/port"] == str(port)
        assert annotations["prometheus.io/path"] == "/metrics"
        for selector in (services[name]["spec"]["selector"], pdbs[name]["spec"]["selector"]["matchLabels"]):
            assert selector.items() <= labels.items(), name
        assert services[name]["spec"]["ports"][0]["port"] == port


def test_k8s_references_resolve_to_the_config_map_and_secret_template(k8s_docs):
    config_maps = of_kind(k8s_docs, "ConfigMap")
    secret_keys = set(load_yaml(K8S / "secret.template.yaml")["stringData"])
    (config,) = config_maps.values()
    for name, url_var in (("profile", "PROFILE_URL"), ("matching", "MATCHING_URL"),
                          ("scheduling", "SCHEDULING_URL"), ("notification", "NOTIFICATION_URL")):
        assert config["data"][url_var] == f"http://{name}:{SERVICE_PORTS[name]}"
    pods = [d["spec"]["template"]["spec"] for d in k8s_docs if d["kind"] in ("Deployment", "Job")]
    for pod in pods:
        for container in pod["containers"]:
            for source in container.get("envFrom", []):
                assert source["configMapRef"]["name"] in config_maps
            for var in container.get("env", []):
                ref = var.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    assert ref["name"] == "mentornet-secrets" and ref["key"] in secret_keys


def test_consumer_replicas_fit_the_partitions():
    topics = tomllib.loads((DEPLOY / "kafka" / "topics.toml").read_text())["topics"]
    partitions = min(t["partitions"] for t in topics.values())
    assert max(v for k, v in K8S_REPLICAS.items() if k != "gateway") <= partitions


def test_gateway_autoscales(k8s_docs):
    hpa = of_kind(k8s_docs, "HorizontalPodAutoscaler")["gateway"]
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "gateway"}
    assert hpa["spec"]["minReplicas"] == K8S_REPLICAS["gateway"]
    assert hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]


# --- prometheus ----------------------------------------------------------------------------------


def test_prometheus_scrapes_every_app_and_loads_the_rules(compose):
    config = load_yaml(DEPLOY / "prometheus" / "prometheus.yml")
    for rule_file in config["rule_files"]:
        assert (DEPLOY / "prometheus" / rule_file).is_file()
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    for name in APPS:
        (sd,) = jobs[name]["dns_sd_configs"]
        assert sd["names"] == [name]
        assert sd["port"] == (GATEWAY_PORT if name == "gateway" else SERVICE_PORTS[name])
    mounts = compose["services"]["prometheus"]["volumes"]
    assert "./deploy/prometheus:/etc/prometheus:ro" in mounts
    k8s = load_yaml(DEPLOY / "prometheus" / "kubernetes-scrape.yml")
    assert k8s["scrape_configs"][0]["kubernetes_sd_configs"][0]["role"] == "pod"


def test_alert_rules_are_complete_and_annotated(alert_rules):
    for rule in alert_rules:
        assert rule["alert"] and rule["expr"].strip()
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert rule["annotations"]["summary"]
    exprs = " ".join(rule["expr"] for rule in alert_rules)
    for needed in ("mentornet_dead_letters_total", "mentornet_outbox_pending",
                   "mentornet_outbox_oldest_pending_seconds", "mentornet_event_lag_seconds",
                   "mentornet_http_requests_total", "mentornet_graphql_operations_total",
                   "mentornet_graphql_operation_seconds"):
        assert needed in exprs, needed
    assert re.search(r"\bup\{[^}]*\}\s*==\s*0", exprs)


def test_alerts_reference_only_exported_metrics(alert_rules):
    used = set().union(*(metric_names(rule["expr"]) for rule in alert_rules))
    assert used and used <= EXPORTED_METRICS, used - EXPORTED_METRICS


# --- grafana -------------------------------------------------------------------------------------


def test_dashboard_references_only_exported_metrics(dashboard):
    used = set().union(*map(metric_names, dashboard_exprs(dashboard)))
    assert used <= EXPORTED_METRICS, used - EXPORTED_METRICS
    assert {
        "mentornet_events_consumed_total", "mentornet_consume_batch_seconds", "mentornet_event_lag_seconds",
        "mentornet_dead_letters_total", "mentornet_outbox_pending", "mentornet_outbox_oldest_pending_seconds",
        "mentornet_http_requests_total", "mentornet_http_request_seconds", "mentornet_graphql_operations_total",
        "mentornet_graphql_operation_seconds", "mentornet_live_subscribers",
    } <= used


def test_grafana_provisioning_points_at_the_dashboard_and_datasource(compose, dashboard):
    datasources = load_yaml(DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml")["datasources"]
    uids = {ds["uid"] for ds in datasources}
    for panel in dashboard["panels"]:
        if "datasource" in panel:
            assert panel["datasource"]["uid"] in uids
    (provider,) = load_yaml(DEPLOY / "grafana" / "provisioning" / "dashboards" / "mentornet.yml")["providers"]
    mounts = compose["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{provider['options']['path']}:ro" in mounts
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
