"""The HTTP benchmark: gunicorn on loopback, real sign-in, p50/p95/p99 per page, baselines in the
same run, SQL queries per page, worker memory and a mixed load; writes docs/performance.md.

    .venv/bin/python bench/run.py --label sqlite-one-centre                      (make bench)
    DATABASE_URL=postgres://…/opora_bench .venv/bin/python bench/run.py --label postgresql-national

The database must hold generated data (manage.py generate_data); with --generate and an empty
database the one-centre set is built first.
"""

import argparse
import json
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.client import Browser  # noqa: E402
from bench.stats import HEADER, Measure, markdown, plain, rows  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DOC = ROOT / "docs" / "performance.md"
# Pages measured with --peer-requests (slow by nature, not in the mixed load).
HEAVY = frozenset({"Обобщение за цялата инсталация", "Общински преглед (всички центрове)"})
# Reports and charts: measured one by one, left out of the mixed load of everyday clicks.
REPORTS = HEAVY | {
    "Статистика на един център (година)",
    "Годишен отчет на един център",
    "Показатели на управителя",
}
ONE_CENTRE = ["--centres", "1", "--persons", "2000", "--cases", "1000", "--sessions", "30000"]


def main() -> None:
    options = _arguments()
    # Stopped from outside (Ctrl-C, kill): still stop gunicorn in the `finally` below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = _server_env(options)
    os.environ.update({k: v for k, v in env.items() if k != "OPORA_BENCH"})
    if options.generate:
        _ensure_data(env)
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from bench.prepare import PASSWORD, build_scene, dataset

    scene = build_scene(options.centre)
    data = dataset()
    port = _free_port()
    server = _start_gunicorn(env, port, options.workers)
    try:
        browsers = _sign_in(scene, port, PASSWORD)
        measures = _measure_all(scene, browsers, options)
        memory = _worker_memory(server.pid)
        mixed = _mixed_load(scene, browsers, port, options)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = _report(options, scene, data, measures, memory, mixed)
    print(report)
    if not options.no_doc:
        _write_doc(options.label, report)


def _arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--label", default="sqlite-one-centre", help="section of docs/performance.md"
    )
    parser.add_argument(
        "--centre", default="", help="slug (default: the generated centre with most cases)"
    )
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--peer-requests", type=int, default=30, help="requests per admin peer search"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mixed-requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--generate", action="store_true", help="migrate and build the one-centre set if empty"
    )
    parser.add_argument(
        "--no-doc", action="store_true", help="print only; leave docs/performance.md"
    )
    parser.add_argument("--command", default="", help="the command line to quote in the report")
    return parser.parse_args()


def _server_env(options) -> dict:
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    env.update(
        OPORA_BENCH="1", DJANGO_DEBUG="0", OPORA_ENV="production", OPORA_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost", OPORA_HSTS_SECONDS="0",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
    )  # fmt: skip
    return env


def _ensure_data(env: dict) -> None:
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    probe = subprocess.run(
        [*manage, "shell", "-c",
         "from opora.centres.models import Centre;"
         "print(Centre.objects.filter(slug__startswith='gen-').exists())"],
        env=env, check=True, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if probe.stdout.strip().endswith("False"):
        subprocess.run([*manage, "generate_data", *ONE_CENTRE], env=env, check=True, cwd=ROOT)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "config.wsgi:application", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--timeout", "300", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn не тръгна за 60 с.")


def _code(key_hex: str):
    from django_otp.oath import totp

    return lambda: f"{totp(bytes.fromhex(key_hex)):06d}"


def _sign_in(scene, port: int, password: str) -> dict:
    browsers = {}
    for username in (scene.manager, scene.specialist, scene.admin):
        browser = Browser("127.0.0.1", port)
        browser.sign_in(username, password, _code(scene.keys[username]))
        browsers[username] = browser
    return browsers


def _pages(scene) -> list[tuple[str, str, str, str]]:
    """(label, path, user, peer label)."""
    c = f"/c/{scene.slug}"
    q = lambda text: quote(text)  # noqa: E731
    admin = "/bench/admin/people/person/?q="
    last_year = date.today().year - 1
    return [
        ("Гол Django изглед (под)", "/bench/floor/", scene.manager, ""),
        ("Списък на случаите (активни)", f"{c}/cases/?status=active", scene.manager, ""),
        ("Случай (страница)", f"{c}/cases/{scene.case_id}/", scene.specialist, ""),
        ("Моята работа", f"{c}/my-work/", scene.specialist, ""),
        ("Начало на управителя", f"{c}/", scene.manager, ""),
        ("Търсене: кирилица", f"{c}/people/?q={q(scene.cyrillic)}", scene.manager, "admin: кирилица"),
        ("Търсене: латиница с грешка", f"{c}/people/?q={q(scene.latin_typo)}", scene.manager,
         "admin: латиница с грешка"),
        ("Търсене: ЕГН", f"{c}/people/?q={scene.egn}", scene.manager, "admin: ЕГН"),
        # Reports (issue 5): a year's figures of one centre and the roll-up over every centre.
        ("Статистика на един център (година)", f"{c}/reports/?quick=last_year", scene.manager, ""),
        ("Годишен отчет на един център", f"{c}/statutory/annual/?year={last_year}", scene.manager, ""),
        ("Показатели на управителя", f"{c}/indicators/", scene.manager, ""),
        ("Обобщение за цялата инсталация", "/oversight/reports/?quick=last_year", scene.admin, ""),
        ("Общински преглед (всички центрове)", "/oversight/", scene.admin, ""),
        ("admin: кирилица", admin + q(scene.cyrillic), scene.admin, ""),
        ("admin: латиница с грешка", admin + q(scene.latin_typo), scene.admin, ""),
        ("admin: ЕГН", admin + scene.egn, scene.admin, ""),
    ]  # fmt: skip


def _measure_all(scene, browsers: dict, options) -> list[Measure]:
    measures = []
    for label, path, user, peer in _pages(scene):
        peer_page = label.startswith("admin:") or label in HEAVY
        count = options.peer_requests if peer_page else options.requests
        warm = max(2, options.warmup // 5) if peer_page else options.warmup
        measure = Measure(label, peer=peer)
        browser = browsers[user]
        for i in range(warm + count):
            started = time.perf_counter()
            response = browser.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                measure.errors += 1
                if measure.errors == 1:
                    print(f"  {label}: HTTP {response.status} за {path}", file=sys.stderr)
            if i >= warm:
                measure.times_ms.append(elapsed)
                if "x-queries" in response.headers:
                    measure.queries.add(int(response.headers["x-queries"]))
        print(f"  {label}: p95 {measure.p95:.1f} ms", file=sys.stderr)
        measures.append(measure)
    return measures


def _worker_memory(master: int) -> list[int]:
    """RSS in MB of each gunicorn worker (the master's children)."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", text, re.M):
            match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
            sizes.append(int(match.group(1)) // 1024 if match else 0)
    return sorted(sizes)


def _mixed_load(scene, browsers: dict, port: int, options) -> dict:
    # Staff pages only: the admin peer and the installation-wide reports are not everyday clicks.
    pages = [p for p in _pages(scene) if not p[0].startswith("admin:") and p[0] not in REPORTS]
    urls = [[path, browsers[user].cookies] for _label, path, user, _peer in pages]
    job = {"host": "127.0.0.1", "port": port, "threads": options.threads,
           "requests": options.mixed_requests, "urls": urls}  # fmt: skip
    done = subprocess.run([PYTHON, str(ROOT / "bench" / "load.py")], input=json.dumps(job),
                          capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
    return json.loads(done.stdout)


def _machine(data: dict) -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    import django

    return (f"{cpu}, {os.cpu_count()} ядра, {int(mem) // 1024 // 1024} GB RAM; Python "
            f"{platform.python_version()}, Django {django.get_version()}, {data['db']}")  # fmt: skip


def _report(options, scene, data, measures, memory, mixed) -> str:
    floor = next((m for m in measures if m.label.startswith("Гол")), None)
    body = rows(measures, floor)
    counts = ", ".join(f"{name}: {n:,}".replace(",", " ") for name, n in data["counts"].items())
    size = f"; размер на базата {data['size']}" if data["size"] else ""
    throughput = mixed["requests"] / mixed["seconds"] if mixed["seconds"] else 0
    command = options.command or " ".join(["bench/run.py", *sys.argv[1:]])
    lines = [
        f"Измерено на {datetime.now(UTC):%d.%m.%Y %H:%M} UTC. Команда: `{command}`",
        "",
        f"- Машина: {_machine(data)}.",
        f"- Данни: {counts}{size}. Център на измерването: `{scene.slug}`; случай "
        f"№ {scene.case_id}; търсения: „{scene.cyrillic}“, „{scene.latin_typo}“, ЕГН {scene.egn[:2]}…",
        f"- gunicorn: {options.workers} процеса (sync), DEBUG изключен, настройки като в production "
        f"(OPORA_ENV=production зад TLS прокси); {options.requests} заявки на страница след "
        f"{options.warmup} за загряване ({options.peer_requests} за admin).",
        "",
        markdown(HEADER, body),
        "",
        f"- Памет на работните процеси (RSS): {', '.join(f'{m} MB' for m in memory)}.",
        f"- Смесено натоварване (втори процес, {options.threads} нишки, {mixed['requests']} заявки "
        f"по страниците без admin): {throughput:.0f} заявки/с, грешки: {mixed['errors']}, "
        f"p95 под натоварване {mixed['p95_ms']:.0f} ms.",
    ]
    print(plain(HEADER, body), file=sys.stderr)
    return "\n".join(lines)


def _write_doc(label: str, report: str) -> None:
    start, end = f"<!-- bench:{label}:start -->", f"<!-- bench:{label}:end -->"
    text = DOC.read_text() if DOC.exists() else "# Бързодействие\n"
    block = f"{start}\n{report}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + f"\n\n{block}\n"
    DOC.write_text(text)
    print(f"Записано в {DOC.relative_to(ROOT)} ({label}).", file=sys.stderr)


if __name__ == "__main__":
    main()
