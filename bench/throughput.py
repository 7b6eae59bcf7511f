"""Throughput against the framework's floor: gunicorn on 127.0.0.1 with production
settings serves a generated practice; wrk loads, back to back in one run, a bare JSON view
behind the full middleware stack and four real endpoints. Each endpoint's requests/s is
divided by the bare view's (the mean of a run before and one after), since absolute
times on a shared machine mean little.

Two like-for-like floors are measured beside it, before and after too: the same bare view
asked with the page's session cookie (the stack's signed-in work: session, user, second
factor) and a bare API view asked with the API's token (DRF, token check, permission).
Pages are also divided by the first, API endpoints by the second.

    .venv/bin/python bench/throughput.py            # 100 coaches, 10 000 coachees, 100 000 milestones
    .venv/bin/python bench/throughput.py --reuse    # keep the database built by the last run
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    PROXY_HEADERS,
    ROOT,
    build_practice,
    manage,
    production_env,
    setup_django,
)

DATABASE = "tandem_bench"
# Issue 16's goals: requests/s ÷ the anonymous bare view, and p99 at 16 connections (ms).
GOALS = {
    "coach dashboard": (0.05, 120),
    "coachee action plan page": (0.08, 100),
    "API milestones list (50)": (0.08, 100),
    "API engagement detail": (0.10, 80),
}


@dataclass
class Endpoint:
    name: str
    path: str
    headers: dict[str, str]
    signed_in: bool | None = None  # what a floor must answer, to prove who asked


@dataclass
class Result:
    name: str
    requests_per_s: float
    p99_ms: float
    requests: int


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        print("Installing wrk …", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def endpoints() -> list[Endpoint]:
    """Who asks what: a coach with a hundred engagements, one of their MPC coachees."""
    from django.apps import apps
    from django.conf import settings
    from django.test import Client

    from coaching.tokens import issue_token
    from engagements.models import Engagement, User

    coach = User.objects.get(username="coach0001")
    engagement = (
        Engagement.objects.filter(coach__user=coach, uses_mpc=True, state=Engagement.State.ACTIVE).order_by("id").first()
    )
    coachee = engagement.coachees.get().user
    _, token_key = issue_token(user=coach, name="bench")

    def cookie(user: User) -> dict[str, str]:
        """A logged-in session, past the second factor where the practice requires one."""
        client = Client()
        client.force_login(user)
        if apps.is_installed("django_otp.plugins.otp_totp"):
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return {**PROXY_HEADERS, "Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}

    api = {**PROXY_HEADERS, "Authorization": f"Token {token_key}", "Accept": "application/json"}
    return [
        Endpoint("coach dashboard", "/", cookie(coach)),
        Endpoint("coachee action plan page", "/my/", cookie(coachee)),
        Endpoint("API milestones list (50)", "/api/v1/mpc/milestones/", api),
        Endpoint("API engagement detail", f"/api/v1/engagements/{engagement.public_id}/", api),
    ]


def check(base: str, endpoint: Endpoint) -> None:
    """Refuse to time a redirect or an error: each endpoint must answer 200 with content."""
    request = urllib.request.Request(base + endpoint.path, headers=endpoint.headers)
    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(request, timeout=30) as response:
        body = response.read()
        if response.status != 200 or len(body) < 10:
            sys.exit(f"{endpoint.name}: {response.status}, {len(body)} bytes — not a real answer")
        if endpoint.signed_in is not None and json.loads(body)["signed_in"] is not endpoint.signed_in:
            sys.exit(f"{endpoint.name}: answered signed_in={not endpoint.signed_in}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(wrk: str, base: str, endpoint: Endpoint, *, seconds: int, threads: int, connections: int) -> Result:
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in endpoint.headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, base + endpoint.path], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        sys.exit(f"{endpoint.name}: wrk saw errors:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    return Result(endpoint.name, rps, p99, total)


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "coaching.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    for _ in range(300):  # up to 60 s: a shared machine starts workers slowly
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/?only=database", timeout=2).read()
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn stopped: {server.stderr.read().decode()}")
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer /health/?only=database within 60 s")


def floors(targets: list[Endpoint]) -> dict[str, Endpoint]:
    """The bare view anonymous (the goals' floor), and the like-for-like floors: the same
    view with the pages' session, a bare API view with the API's token."""
    page, api = targets[0].headers, targets[-1].headers
    return {
        "bare": Endpoint("bare JSON view", "/bench/bare/", dict(PROXY_HEADERS), signed_in=False),
        "page": Endpoint("bare JSON view, signed in", "/bench/bare/", page, signed_in=True),
        "api": Endpoint("bare API view, token", "/bench/api-bare/", api, signed_in=True),
    }


def measure(args: argparse.Namespace) -> tuple[list[tuple], dict]:
    """Build (or reuse) the practice, serve it, load each endpoint; rows of
    (name, requests/s, ratio to bare, ratio to its like-for-like floor, p99 ms, goal)."""
    wrk = ensure_wrk()
    if args.reuse:
        env = production_env(DATABASE)
    else:
        print(f"Building {DATABASE}: {args.coaches} coaches, {args.coachees} coachees, {args.milestones} milestones …", flush=True)
        env = build_practice(DATABASE, coaches=args.coaches, coachees=args.coachees, milestones=args.milestones)
    manage(env, "collectstatic", "--no-input", "--clear", "-v0")
    setup_django(env)
    targets = endpoints()
    floor = floors(targets)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port, args.workers)
    try:
        for endpoint in [*floor.values(), *targets]:
            check(base, endpoint)
        load = {"threads": args.threads, "connections": args.connections}
        for endpoint in [*floor.values(), *targets]:  # warm every worker's caches and connections
            run_wrk(wrk, base, endpoint, seconds=2, **load)
        print(f"Loading each endpoint for {args.seconds} s ({args.threads} threads, {args.connections} connections) …", flush=True)
        before = {key: run_wrk(wrk, base, endpoint, seconds=args.seconds, **load) for key, endpoint in floor.items()}
        results = [run_wrk(wrk, base, endpoint, seconds=args.seconds, **load) for endpoint in targets]
        after = {key: run_wrk(wrk, base, endpoint, seconds=args.seconds, **load) for key, endpoint in reversed(floor.items())}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    mean = {key: (before[key].requests_per_s + after[key].requests_per_s) / 2 for key in floor}

    def row(result: Result, own: str, goal: float | None, suffix: str = "") -> tuple:
        rps = result.requests_per_s
        return (result.name + suffix, rps, rps / mean["bare"], rps / mean[own], result.p99_ms, goal)

    rows = [row(before[key], key, None, " (before)") for key in floor]
    rows += [row(r, "api" if r.name.startswith("API") else "page", GOALS[r.name]) for r in results]
    rows += [row(after[key], key, None, " (after)") for key in floor]
    setup = {"workers": args.workers, **load, "seconds": args.seconds, "scale": f"{args.coaches}/{args.coachees}/{args.milestones}"}
    return rows, setup


def met(ratio: float, p99: float, goal: tuple[float, float] | None) -> bool:
    return goal is None or (ratio >= goal[0] and p99 <= goal[1])


def table(rows) -> str:
    lines = [
        "| endpoint | requests/s | ratio to bare | ratio to like-for-like floor | p99 latency | goal: ratio, p99 | met |",
        "|---|---:|---:|---:|---:|---:|:---:|",
    ]
    for name, rps, ratio, like, p99, goal in rows:
        ok = "" if goal is None else ("yes" if met(ratio, p99, goal) else "**no**")
        goal_text = "" if goal is None else f"≥ {goal[0]:.2f}×, ≤ {goal[1]} ms"
        lines.append(f"| {name} | {rps:,.0f} | {ratio:.3f}× | {like:.2f}× | {p99:.1f} ms | {goal_text} | {ok} |")
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--coaches", type=int, default=100)
    p.add_argument("--coachees", type=int, default=10_000)
    p.add_argument("--milestones", type=int, default=100_000)
    p.add_argument("--seconds", type=int, default=10, help="wrk duration per endpoint")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    p.add_argument("--reuse", action="store_true", help=f"reuse the {DATABASE} database of the last run")
    return p


def main() -> int:
    rows, setup = measure(parser().parse_args())
    print(f"\nThroughput ({setup}):\n")
    print(table(rows))
    return 0 if all(met(ratio, p99, goal) for _, _, ratio, _, p99, goal in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
