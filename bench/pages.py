"""Server time and SQL queries of every page on the ten-year archive (issue 13).

Usage: python bench/pages.py [--database newsdesk_archive] [--repeat 6] [--only SUBSTRING] [--slow 60]
       [--timeout 300] [--memory-mb 12000] [--explain 3] [--json PATH] [--report-from PATH]

Against the scratch database bench/make_archive.py builds, with production settings except for what
a test client cannot have (DEBUG off, a generated SECRET_KEY, ALLOWED_HOSTS=testserver, static files
collected into a temporary folder for the manifest storage, requests sent as HTTPS so the SSL
redirect lets them through, DATABASE_CONN_MAX_AGE=60, no Redis: the API throttles count in local
memory, their rates raised so that they never refuse). Every page is requested with Django's test
``Client`` in this process, logged in as the role that uses it (``force_login`` of the archive's
``archive-reviewer``, ``archive-analyst`` or ``archive-admin``; anonymous for the public pages and the
public API), inside ``django.test.utils.CaptureQueriesContext``:

* one warm-up request, then ``--repeat`` requests; the median server time (the time around
  ``client.get``, and for the CSV export the reading of its first 100 KB) and that request's SQL
  queries, their summed time and the slowest one;
* a page whose warm-up took more than ``--slow`` seconds is measured that once (the table says so);
* each page runs in a forked copy of this process (so one page's memory is not the next one's, and a
  page can be stopped): ``--timeout`` seconds for all its requests, address space capped at
  ``--memory-mb``; its peak RSS is reported.

Printed: the table (page, role, median ms, queries, SQL ms, status, peak RSS, note); the stopped pages
with the query each was in (and its plain ``EXPLAIN``: it never finishes) and the 5 slowest others with
their slowest query (``EXPLAIN (ANALYZE, BUFFERS)`` of it for the ``--explain`` slowest); the load
average and the peak RSS. Everything (with the full SQL) also goes to ``--json``; ``--report-from``
prints a saved results file again (and explains its queries) without requesting anything. Exit
status 1 when any page answered 5xx or its process died; slowness never fails the run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import multiprocessing
import os
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
UNLIMITED = "1000000/minute"
STREAM_LIMIT = 100 * 1024  # bytes of a streamed response that are read
USERS = {"reviewer": "archive-reviewer", "analyst": "archive-analyst", "admin": "archive-admin"}


@dataclass
class Page:
    label: str
    role: str  # "anonymous" or a key of USERS
    path: str
    api: bool = False
    stream: bool = False
    # Before each request the dashboard's charts are forgotten, as a publication does: what the
    # first visitor after it waits for (the choice lists and the index pages stay as the beat keeps them).
    cold: bool = False
    # Before the first request the beat's work is done (meetings.selectors.warm.refresh), as a site
    # with beat keeps it: what every visitor sees of a page beat computes ahead.
    beat: bool = False


@dataclass
class Result:
    label: str
    role: str
    path: str
    median_ms: float | None = None
    samples_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    sql_ms: float | None = None
    statuses: list[int] = field(default_factory=list)
    bytes: int | None = None
    peak_rss_mb: float | None = None
    note: str = ""
    error: str = ""
    slowest_sql: str = ""
    slowest_sql_ms: float | None = None
    explain: str = ""
    top_queries: list[tuple[float, str]] = field(default_factory=list)  # the 3 slowest: ms, SQL (cut)
    stopped: bool = False  # out of time: slowest_sql is the query it was running

    @property
    def failed(self) -> bool:
        return bool(self.error) or any(status >= 500 for status in self.statuses)


# ---- settings and set-up ------------------------------------------------------------------------------


def environment(db: str, static_root: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "REDIS_", "CACHE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings",
        DATABASE_URL=f"{PG}/{db}",
        DATABASE_CONN_MAX_AGE="60",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        API_THROTTLE_ANON=UNLIMITED,
        API_THROTTLE_USER=UNLIMITED,
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
    )
    return env


def setup(db: str, static_root: str) -> None:
    env = environment(db, static_root)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def one(sql: str, params=()):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def parameters() -> dict:
    """What the pages are asked about, taken from the archive: its busiest country and official,
    the surname of its busiest counterpart, a pending meeting with the machine's output, the
    latest published meeting, the last page of the public list, the last week of bulletins."""
    country = one(
        "SELECT country FROM meetings_participant WHERE side = 'counterpart' AND country <> '' "
        "GROUP BY country ORDER BY count(*) DESC LIMIT 1"
    )[0]
    official_id, official = one(
        "SELECT p.id, p.name FROM meetings_person p JOIN (SELECT person_id, count(*) n "
        "FROM meetings_participant WHERE side = 'kz' GROUP BY person_id ORDER BY n DESC LIMIT 1) t "
        "ON t.person_id = p.id"
    )
    counterpart = one(
        "SELECT p.name FROM meetings_person p JOIN (SELECT person_id, count(*) n FROM meetings_participant "
        "WHERE side = 'counterpart' AND person_id IS NOT NULL GROUP BY person_id ORDER BY n DESC LIMIT 1) t "
        "ON t.person_id = p.id"
    )[0]
    pending = one(
        "SELECT max(id) FROM meetings_meeting WHERE review_state = 'pending' AND machine_output IS NOT NULL"
    )[0]
    published, approved = one(
        "SELECT max(id), count(*) FROM meetings_meeting WHERE review_state = 'approved'"
    )
    last_day = one("SELECT max(date) FROM newsdesk_bulletin")[0]
    return {
        "country": country,
        "official_id": official_id,
        "official": official,
        "official_term": official.split()[-1][:4].lower(),
        "country_term": country[:3].lower(),
        "surname": counterpart.split()[-1],
        "pending_meeting": pending,
        "published_meeting": published,
        "last_page": max(1, math.ceil(approved / 20)),
        "last_day": last_day.isoformat(),
        "week_from": (last_day - datetime.timedelta(days=6)).isoformat(),
        "month_from": (last_day - datetime.timedelta(days=30)).isoformat(),
    }


def pages(p: dict) -> list[Page]:
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    reviewer = get_user_model().objects.get(username=USERS["reviewer"])
    q, country = quote(p["surname"]), quote(p["country"])
    meetings, person = "/admin/meetings/meeting/", "/admin/meetings/person/"
    month = f"?bulletin_date__gte={p['month_from']}"
    found = [Page("admin index", "reviewer", "/admin/"), Page("admin index", "analyst", "/admin/")]
    for model in admin.site._registry:
        opts = model._meta
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        role = "reviewer" if reviewer.has_perm(f"{opts.app_label}.view_{opts.model_name}") else "admin"
        found.append(Page(f"changelist {opts.app_label}.{opts.model_name}", role, path))
    found += [
        Page("bulletins ?q=surname", "reviewer", f"/admin/newsdesk/bulletin/?q={q}"),
        Page("meetings ?review_state=pending", "reviewer", f"{meetings}?review_state__exact=pending"),
        Page("meetings ?kind=visit", "reviewer", f"{meetings}?kind__exact=visit"),
        Page("meetings ?country", "reviewer", f"{meetings}?country={country}"),
        Page("meetings ?kz_person (busiest)", "reviewer", f"{meetings}?kz_person={p['official_id']}"),
        Page("meetings ?confidence_band=low", "reviewer", f"{meetings}?confidence_band=low"),
        Page("meetings ?bulletin_date__gte (30 days)", "reviewer", f"{meetings}{month}"),
        Page("meetings ?o=5 (confidence)", "reviewer", f"{meetings}?o=5"),
        Page("meetings ?q=surname", "reviewer", f"{meetings}?q={q}"),
        Page("changelist meetings.meeting", "analyst", meetings),
        Page("people ?q=surname", "reviewer", f"/admin/meetings/person/?q={q}"),
        Page("changelist meetings.person", "analyst", "/admin/meetings/person/"),
        Page("officials page", "reviewer", "/admin/meetings/person/officials/"),
        Page("officials page", "analyst", "/admin/meetings/person/officials/"),
        Page("quality report", "reviewer", "/admin/meetings/person/quality/"),
        Page("quality report, as beat keeps it", "reviewer", "/admin/meetings/person/quality/", beat=True),
        Page("meeting review page (pending)", "reviewer", f"{meetings}{p['pending_meeting']}/change/"),
        Page("person change page (busiest official)", "reviewer", f"{person}{p['official_id']}/change/"),
        Page("autocomplete countries", "reviewer", f"{meetings}countries/?term={quote(p['country_term'])}"),
        Page("autocomplete officials", "reviewer", f"{meetings}officials/?term={quote(p['official_term'])}"),
        Page("public list /", "anonymous", "/"),
        Page("public list, last page", "anonymous", f"/?page={p['last_page']}"),
        Page("public list ?q=surname", "anonymous", f"/?q={q}"),
        Page("public country page", "anonymous", f"/countries/{country}/"),
        Page("public person page (busiest official)", "anonymous", f"/people/{p['official_id']}/"),
        Page("public meeting page", "anonymous", f"/meetings/{p['published_meeting']}/"),
        Page("API meetings", "anonymous", "/api/meetings/", api=True),
        Page("API meetings ?country", "anonymous", f"/api/meetings/?country={country}", api=True),
        Page("API meetings ?q=surname", "anonymous", f"/api/meetings/?q={q}", api=True),
        Page("API meetings", "reviewer", "/api/meetings/", api=True),
        Page("API people", "anonymous", "/api/people/", api=True),
        Page("API bulletins", "reviewer", "/api/bulletins/", api=True),
        Page(
            "API export.csv (last week, first 100 KB)",
            "analyst",
            f"/api/meetings/export.csv?date_from={p['week_from']}&date_to={p['last_day']}",
            api=True,
            stream=True,
        ),
        # The dashboard and the index pages (issue 14): as the cache and the beat keep them, and cold
        # (the first visitor after a publication, or a filter nobody asked for in five minutes).
        # The index pages read lists the beat recomputes every four minutes: warm.
        Page("dashboard", "anonymous", "/dashboard/"),
        Page("dashboard, cold", "anonymous", "/dashboard/", cold=True),
        Page("dashboard ?country, cold", "anonymous", f"/dashboard/?country={country}", cold=True),
        Page("dashboard ?person (busiest), cold", "anonymous", f"/dashboard/?person={p['official_id']}",
             cold=True),
        Page("dashboard ?date_from (30 days), cold", "analyst", f"/dashboard/?date_from={p['month_from']}",
             cold=True),
        Page("API chart monthly ?country, cold", "anonymous", f"/api/charts/monthly/?country={country}",
             api=True, cold=True),
        Page("chart CSV pairs", "anonymous", "/dashboard/pairs.csv"),
        Page("world map (SVG)", "anonymous", "/dashboard/world.svg"),
        Page("world map ?country, cold", "anonymous", f"/dashboard/world.svg?country={country}", cold=True),
        Page("officials index", "anonymous", "/officials/"),
        Page("countries index", "anonymous", "/countries/"),
    ]  # fmt: skip
    return found


def clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    made = {"anonymous": Client(raise_request_exception=False)}
    for role, username in USERS.items():
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=username))
        made[role] = client
    return made


# ---- measuring -------------------------------------------------------------------------------------------


def request(client, page: Page) -> tuple[float, int, int, list[dict]]:
    """One request: seconds, status, bytes read, the queries it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"HTTP_ACCEPT": "application/json"} if page.api and not page.stream else {}
    if page.cold:
        from meetings.selectors import charts

        charts.forget()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(page.path, secure=True, **headers)
        if response.streaming:
            size = 0
            for chunk in response.streaming_content:
                size += len(chunk)
                if size >= STREAM_LIMIT:
                    break
            response.close()
        else:
            size = len(response.content)
        elapsed = time.perf_counter() - started
    if response.status_code >= 500 and getattr(response, "exc_info", None):
        error = response.exc_info[1]
        print(f"    {page.label}: {type(error).__name__}: {error}", flush=True)
    return elapsed, response.status_code, size, list(captured.captured_queries)


def measure(page: Page, client, *, repeat: int, slow: float) -> Result:
    result = Result(page.label, page.role, page.path)
    if page.beat:
        from meetings.selectors import warm

        warm.refresh()
    runs = []
    for attempt in range(1 + repeat):
        elapsed, status, size, queries = request(client, page)
        result.statuses.append(status)
        runs.append((elapsed, size, queries))
        if attempt == 0:
            if elapsed <= slow:
                runs.clear()  # the warm-up is not counted
                continue
            result.note = f"measured once: {elapsed:.0f} s > {slow:.0f} s"
            break
    runs.sort(key=lambda run: run[0])
    elapsed, size, queries = runs[(len(runs) - 1) // 2]  # the median run (the lower one of an even count)
    result.samples_ms = [round(run[0] * 1000, 1) for run in runs]
    result.median_ms = statistics.median(result.samples_ms)
    result.queries, result.bytes = len(queries), size
    result.sql_ms = round(sum(float(q["time"]) for q in queries) * 1000, 1)
    if queries:
        by_time = sorted(queries, key=lambda q: -float(q["time"]))
        result.slowest_sql, result.slowest_sql_ms = (
            by_time[0]["sql"],
            round(float(by_time[0]["time"]) * 1000, 1),
        )
        result.top_queries = [(round(float(q["time"]) * 1000, 1), short(q["sql"], 400)) for q in by_time[:3]]
    if len(queries) >= 9000:
        result.note = (result.note + "; " if result.note else "") + "≥ 9,000 queries (the log's limit)"
    return result


RUNNING: dict = {}  # in a page's process: the query now running (SQL, parameters)


def note_running(execute, sql, params, many, context):
    RUNNING.update(sql=sql, params=params)
    try:
        return execute(sql, params, many, context)
    finally:
        RUNNING.clear()


def child(page: Page, client, options, pipe) -> None:
    """A page's process: its own database connection (named for the parent to stop it), its memory
    capped; on SIGUSR1 (out of time) it hands over the query it is running and ends."""
    from django.db import connection

    def out_of_time(signum, frame) -> None:
        pipe.send(("running", RUNNING.get("sql", ""), RUNNING.get("params")))
        pipe.close()
        os._exit(0)

    signal.signal(signal.SIGUSR1, out_of_time)
    connection.settings_dict["OPTIONS"]["application_name"] = application_name(os.getpid())
    limit = options.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        with connection.execute_wrapper(note_running):
            result = measure(page, client, repeat=options.repeat, slow=options.slow)
    except BaseException as error:  # reported as the page's error
        result = Result(page.label, page.role, page.path, error=f"{type(error).__name__}: {error}")
    result.peak_rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)
    pipe.send(("result", result))
    pipe.close()


def receive(receiver, timeout: float):
    """The page process's message; None when it sends none in time, ("died",) when it ended without."""
    if not receiver.poll(timeout):
        return None
    try:
        return receiver.recv()
    except EOFError:
        return ("died",)


def application_name(pid: int) -> str:
    return f"bench-pages-{pid}"


def run_page(page: Page, client, options) -> Result:
    from django.db import connection, connections

    connections.close_all()  # the forked process opens its own
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(page, client, options, sender))
    process.start()
    sender.close()
    message = receive(receiver, options.timeout)
    if message is None:  # out of time: ask what it is running, then stop it and its query
        os.kill(process.pid, signal.SIGUSR1)
        message = receive(receiver, 30) or ("running", "", None)
        process.kill()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                [application_name(process.pid)],
            )
    process.join()
    if message[0] == "result":
        return message[1]
    if message[0] == "died":
        return Result(page.label, page.role, page.path, error=f"process died (exit code {process.exitcode})")
    _, sql, params = message
    result = Result(
        page.label, page.role, page.path, note=f"stopped after {options.timeout:.0f} s", stopped=True
    )
    if sql:
        with connection.cursor() as cursor:
            result.slowest_sql = cursor.cursor.mogrify(sql, params) if params else sql
    return result


# ---- reporting -------------------------------------------------------------------------------------------


def row(result: Result) -> str:
    median = "stopped" if result.stopped else "—" if result.median_ms is None else f"{result.median_ms:,.0f}"
    queries = "—" if result.queries is None else str(result.queries)
    sql = "—" if result.sql_ms is None else f"{result.sql_ms:,.0f}"
    status = ",".join(str(s) for s in sorted(set(result.statuses))) or "—"
    rss = "—" if result.peak_rss_mb is None else f"{result.peak_rss_mb:,.0f}"
    note = "; ".join(filter(None, [result.note, result.error]))
    return f"| {result.label} | {result.role} | {median} | {queries} | {sql} | {status} | {rss} | {note} |"


HEADER = (
    "| page | role | median ms | queries | SQL ms | status | peak RSS MB | note |\n"
    "|---|---|---:|---:|---:|---|---:|---|"
)


def explain(sql: str, *, analyze: bool = True) -> str:
    from django.db import connection

    statement = sql
    if statement.startswith("DECLARE"):  # a server-side cursor: explain its query
        statement = statement[statement.index(" FOR ") + 5 :]
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN ") + statement)
        return "\n".join(short(line, 300) for (line,) in cursor.fetchall())


def short(sql: str, limit: int = 700) -> str:
    return sql if len(sql) <= limit else f"{sql[:limit]} … ({len(sql):,} characters)"


def measure_all(options) -> tuple[dict, list[Result], dict]:
    """Every selected page, each in its own process; the parameters, results and run figures."""
    load_at_start = os.getloadavg()  # the machine's other work shows in the figures
    with tempfile.TemporaryDirectory(prefix="pages-static-") as static_root:
        started = time.perf_counter()
        setup(options.database, static_root)
        params = parameters()
        print(f"set up in {time.perf_counter() - started:.1f} s")
        print(f"parameters: {json.dumps(params, ensure_ascii=False)}")
        selected = [
            page for page in pages(params)
            if options.only.lower() in f"{page.label} {page.role} {page.path}".lower()
        ]  # fmt: skip
        by_role = clients()
        by_role["anonymous"].get("/api/", secure=True)  # URL resolvers and such: loaded once, before forking
        results = []
        print(HEADER, flush=True)
        for page in selected:
            result = run_page(page, by_role[page.role], options)
            results.append(result)
            print(row(result), flush=True)
    run = {
        "repeat": options.repeat,
        "load_average_start": load_at_start,
        "load_average_end": os.getloadavg(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "largest_page_process_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    return params, results, run


def report(results: list[Result], run: dict, explain_count: int) -> None:
    """The table; the stopped pages and the slowest others with their slowest query; EXPLAIN of the
    query each stopped page was in, EXPLAIN ANALYZE of the slowest query of the slowest others."""
    print(f"\n{len(results)} pages, {run['repeat']} measured requests each after a warm-up\n")
    print(HEADER)
    for result in results:
        print(row(result))
    stopped = [r for r in results if r.stopped]
    ranked = sorted((r for r in results if r.median_ms is not None), key=lambda r: -r.median_ms)
    print("\nPages stopped, with the query each was in, and the 5 slowest others with their slowest query:")
    for result in [*stopped, *ranked[:5]]:
        if result.stopped:
            figures = f"{result.note}; it was running:"
        else:
            figures = (
                f"{result.median_ms:,.0f} ms, {result.queries} queries, SQL {result.sql_ms:,.0f} ms; "
                f"slowest query {result.slowest_sql_ms:,.0f} ms:"
            )
        print(f"\n* {result.label} ({result.role}): {figures}\n  {short(result.slowest_sql)}")
    for result in [*stopped, *ranked[:explain_count]]:
        if result.slowest_sql:
            result.explain = explain(result.slowest_sql, analyze=not result.stopped)
            how = "EXPLAIN (it never finishes)" if result.stopped else "EXPLAIN (ANALYZE, BUFFERS)"
            print(f"\n{how}, {result.label} ({result.role}):\n{result.explain}")
    start, end = (
        " ".join(f"{load:.2f}" for load in run[key]) if run.get(key) else "not recorded"
        for key in ("load_average_start", "load_average_end")
    )
    print(f"\nload average (1, 5, 15 min): {start} at the start, {end} at the end")
    print(
        f"peak RSS: this process {run['peak_rss_mb']:,} MB; "
        f"the largest page's process {run['largest_page_process_rss_mb']:,} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="newsdesk_archive")
    parser.add_argument("--repeat", type=int, default=6, help="measured requests after the warm-up")
    parser.add_argument("--only", default="", help="pages whose label, role or path holds this")
    parser.add_argument("--slow", type=float, default=60.0, help="a warm-up slower than this is the measure")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a page's requests may take")
    parser.add_argument("--memory-mb", type=int, default=12000, help="address space of a page's process")
    parser.add_argument("--explain", type=int, default=3, help="EXPLAIN ANALYZE the slowest query of N pages")
    parser.add_argument("--json", default="", help="results file (default artifacts/pages-<database>.json)")
    parser.add_argument(
        "--report-from", default="", help="report (and EXPLAIN) a results file again, no requests"
    )
    options = parser.parse_args()
    path = Path(options.json or ROOT / "artifacts" / f"pages-{options.database}.json")
    if options.report_from:
        saved = json.loads(Path(options.report_from).read_text(encoding="utf-8"))
        params, run = saved["parameters"], saved["run"]
        results = [Result(**result) for result in saved["results"]]
        os.environ.update(DATABASE_URL=f"{PG}/{options.database}", DJANGO_SETTINGS_MODULE="newsdesk.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
    else:
        params, results, run = measure_all(options)
    report(results, run, options.explain)
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = {"parameters": params, "run": run, "results": [asdict(r) for r in results]}
    path.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"results: {path}")
    failed = [r for r in results if r.failed]
    if failed:
        print(f"{len(failed)} page(s) failed: " + ", ".join(f"{r.label} ({r.role})" for r in failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
