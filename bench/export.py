"""CSV export at scale: our streamed exporter against django-import-export and PostgreSQL's COPY.

Usage: python bench/export.py [--db newsdesk_bench] [--meetings 250000] [--ie-timeout 600]
       [--ie-rows 100000,300000] [--skip-build] [--keep]

Builds a scratch PostgreSQL database (dropped and created again, migrated in a subprocess), fills
it with INSERT ... SELECT generate_series: ``--meetings`` approved meetings, each with 2 Kazakh
officials × 2 counterparts, i.e. 4 export rows a meeting (1,000,000 by default), plus 5 % rejected
meetings the export must leave out. Every exporter then runs in a process of its own (so its peak
RSS is its own) over the same rows, selected by a bulletin-date filter:

* ``ours``: meetings.selectors.export.csv_bytes (one query, server-side cursor, one line at a time);
* ``import-export``: a django-import-export ModelResource over the same pair rows (tablib's CSV);
* ``copy``: ``COPY (SELECT ...) TO STDOUT WITH CSV`` of the same columns through psycopg 3 (the
  floor: no transliteration fallback, no formula neutralisation).

Output goes to /dev/null. Reported: rows/s, time to first byte (of the first data row for ours and
COPY; import-export writes nothing before it has built everything), peak RSS in MB. If
django-import-export does not finish every row within ``--ie-timeout`` seconds, it (and ours) is
measured at 100,000 and 300,000 rows instead.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
FIRST_DATE = datetime.date(2000, 1, 1)
MEETINGS_PER_BULLETIN = 25
ROWS_PER_MEETING = 4  # 2 officials × 2 counterparts
ROWS_PER_BULLETIN = MEETINGS_PER_BULLETIN * ROWS_PER_MEETING

KZ_NAMES = [
    "Ержан Ашикбаев", "Мурат Нуртлеу", "Роман Василенко", "Алибек Бакаев", "Акан Рахметуллин",
    "Ержан Казыханов", "Тимур Сулейменов", "Данияр Сарекенов", "Мухтар Тлеуберди", "Арман Исетов",
]  # fmt: skip
CP_NAMES = [
    "Марко Антонио Рубио", "Ван И", "Сергей Лавров", "Хакан Фидан", "Анналена Бербок", "Дэвид Лэмми",
    "Жан-Ноэль Барро", "Антонио Таяни", "Ёко Камикава", "Чо Тхэ Ёль", "Субраманьям Джайшанкар",
    "Аббас Аракчи", "Файсал бен Фархан", "Бахтиёр Саидов", "Жээнбек Кулубаев",
]  # fmt: skip
COUNTRIES = [
    "США", "Китай", "Россия", "Турция", "Германия", "Великобритания", "Франция", "Италия", "Япония",
    "Республика Корея", "Индия", "Иран", "Саудовская Аравия", "Узбекистан", "Кыргызстан",
]  # fmt: skip


def dsn(db: str) -> str:
    return f"{PG}/{db}"


def date_to_for(rows: int) -> datetime.date:
    """The bulletin date up to which the approved meetings give ``rows`` export rows."""
    return FIRST_DATE + datetime.timedelta(days=rows // ROWS_PER_BULLETIN - 1)


# ---- the scratch database ------------------------------------------------------------------------


def build(db: str, meetings: int) -> None:
    import psycopg

    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    env = {**os.environ, "DATABASE_URL": dsn(db), "DJANGO_SETTINGS_MODULE": "newsdesk.settings"}
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    print(f"migrated {db} in {time.perf_counter() - started:.1f} s", flush=True)
    django_setup(db)
    from meetings.services.people import latin, name_key

    started = time.perf_counter()
    bulletins = -(-meetings // MEETINGS_PER_BULLETIN)
    rejected = meetings // 20
    with psycopg.connect(dsn(db), autocommit=True) as conn:
        with conn.cursor().copy(
            "COPY meetings_person (name, name_key, name_latin, is_kz_official, created_at) FROM STDIN"
        ) as copy:
            for name in KZ_NAMES:
                copy.write_row((name, name_key(name), latin(name), True, datetime.datetime.now(datetime.UTC)))
            for name in CP_NAMES[::2]:  # half the counterparts are linked to a Person
                copy.write_row(
                    (name, name_key(name), latin(name), False, datetime.datetime.now(datetime.UTC))
                )
        persons = dict(conn.execute("SELECT name, id FROM meetings_person").fetchall())
        kz_ids = [persons[name] for name in KZ_NAMES]
        cp_ids = [persons.get(name) for name in CP_NAMES]
        conn.execute(
            """
            INSERT INTO newsdesk_bulletin (title, date, dateline_place, agency, text, source_name, part,
                sha256, encoding, uploaded_at, state, state_changed_at, error, attempts, extractor_version)
            SELECT 'Бюллетень МИД № ' || g, %s::date + (g - 1), 'Астана', '', 'текст', 'bench.txt', 1,
                lpad(g::text, 64, '0'), 'utf-8', now(), 'done', now(), '', 0, '0.3.0'
            FROM generate_series(1, %s) g
            """,
            (FIRST_DATE, bulletins),
        )
        first_bulletin = conn.execute("SELECT min(id) FROM newsdesk_bulletin").fetchone()[0]
        conn.execute(
            """
            INSERT INTO meetings_meeting (bulletin_id, kind, location, topics, review_state, edited, origin,
                extractor_version, match_key, reject_reason, version, created_at, confidence)
            SELECT %s + CASE WHEN g <= %s THEN (g - 1) / %s ELSE (g - 1) %% %s END,
                (ARRAY['meeting', 'visit', 'phone_call', 'talks_multilateral'])[1 + g %% 4],
                (ARRAY['Астана', 'Вашингтон', 'Пекин', ''])[1 + g %% 4],
                jsonb_build_array('торгово-экономическое сотрудничество', 'транзит', '=SUM(A1)')
                    - (g %% 3),
                CASE WHEN g <= %s THEN 'approved' ELSE 'rejected' END, false, 'machine', '0.3.0',
                lpad(g::text, 64, '0'), '', 1, now(), 0.9
            FROM generate_series(1, %s) g
            """,
            (first_bulletin, meetings, MEETINGS_PER_BULLETIN, bulletins, meetings, meetings + rejected),
        )
        conn.execute(
            """
            INSERT INTO meetings_participant (meeting_id, person_id, side, name, machine_name, position,
                role, posting, organization, country, "order")
            SELECT m.id, k.person_id, 'kz', k.name, k.name, '', k.role, k.posting, '', 'Казахстан', s
            FROM meetings_meeting m
            CROSS JOIN generate_series(0, 1) s
            CROSS JOIN LATERAL (
                SELECT (%s::bigint[])[1 + (m.id * 2 + s) %% %s] AS person_id,
                       (%s::text[])[1 + (m.id * 2 + s) %% %s] AS name,
                       (ARRAY['ambassador', 'minister', 'deputy_minister', ''])[1 + (m.id + s) %% 4] AS role,
                       (ARRAY['США', 'Китай', '', ''])[1 + (m.id + s) %% 4] AS posting
            ) k
            """,
            (kz_ids, len(KZ_NAMES), KZ_NAMES, len(KZ_NAMES)),
        )
        conn.execute(
            """
            INSERT INTO meetings_participant (meeting_id, person_id, side, name, machine_name, position,
                role, posting, organization, country, "order")
            SELECT m.id, c.person_id, 'counterpart', c.name, c.name, c.position, '', '', c.organization,
                c.country, s
            FROM meetings_meeting m
            CROSS JOIN generate_series(0, 1) s
            CROSS JOIN LATERAL (
                SELECT (%s::bigint[])[1 + (m.id * 3 + s) %% %s] AS person_id,
                       (%s::text[])[1 + (m.id * 3 + s) %% %s] AS name,
                       (%s::text[])[1 + (m.id * 3 + s) %% %s] AS country,
                       (ARRAY['министр иностранных дел', 'посол', '-заместитель'])[1 + m.id %% 3] AS position,
                       (ARRAY['МИД', 'ООН', '@ОБСЕ', ''])[1 + (m.id + s) %% 4] AS organization
            ) c
            """,
            (cp_ids, len(CP_NAMES), CP_NAMES, len(CP_NAMES), COUNTRIES, len(COUNTRIES)),
        )
        conn.execute("VACUUM ANALYZE")
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in ("newsdesk_bulletin", "meetings_meeting", "meetings_participant")
        }
    print(f"filled {db} in {time.perf_counter() - started:.1f} s: {counts}", flush=True)


# ---- the exporters (each runs in its own process) -----------------------------------------------


class Sink:
    """/dev/null that counts bytes and notes when the first data row arrived."""

    def __init__(self, started: float, skip: int = 0) -> None:
        self.out = open(os.devnull, "wb")  # noqa: SIM115
        self.started, self.skip, self.size, self.first = started, skip, 0, None

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.first is None and self.size > self.skip:
            self.first = time.perf_counter() - self.started
        self.out.write(data)


def django_setup(db: str) -> None:
    os.environ["DATABASE_URL"] = dsn(db)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def run_ours(db: str, date_to: datetime.date) -> dict:
    django_setup(db)
    from django.contrib.auth.models import AnonymousUser

    from meetings.selectors import export

    started = time.perf_counter()
    meetings = export.exportable_meetings(params={"date_to": date_to.isoformat()}, user=AnonymousUser())
    chunks = export.csv_bytes(meetings)
    header = next(chunks)
    sink = Sink(started, skip=len(header))
    sink.write(header)
    lines = 0
    for chunk in chunks:
        sink.write(chunk)
        lines += 1
    return {
        "rows": lines,
        "seconds": time.perf_counter() - started,
        "first_byte": sink.first,
        "bytes": sink.size,
    }


def run_import_export(db: str, date_to: datetime.date) -> dict:
    django_setup(db)
    from django.conf import settings
    from django.db.models import F, FilteredRelation, Q
    from import_export import fields, resources

    from meetings.models import Meeting
    from meetings.selectors.export import (
        cached_latin as latin,  # the same cache as ours: compare the frameworks
    )

    class PairResource(resources.ModelResource):
        """The export's 16 columns over Meeting rows annotated with one (official, counterpart) pair."""

        meeting_id = fields.Field(attribute="id", column_name="meeting_id")
        bulletin_date = fields.Field(attribute="bulletin_date", column_name="bulletin_date")
        bulletin_title = fields.Field(attribute="bulletin_title", column_name="bulletin_title")
        kind = fields.Field(attribute="kind", column_name="kind")
        kz_official = fields.Field(attribute="kz_name", column_name="kz_official")
        kz_official_latin = fields.Field(column_name="kz_official_latin")
        role = fields.Field(attribute="kz_role", column_name="role")
        posting = fields.Field(attribute="kz_posting", column_name="posting")
        counterpart = fields.Field(attribute="cp_name", column_name="counterpart")
        counterpart_latin = fields.Field(column_name="counterpart_latin")
        counterpart_position = fields.Field(attribute="cp_position", column_name="counterpart_position")
        counterpart_organization = fields.Field(
            attribute="cp_organization", column_name="counterpart_organization"
        )
        counterpart_country = fields.Field(attribute="cp_country", column_name="counterpart_country")
        location = fields.Field(attribute="location", column_name="location")
        topics = fields.Field(column_name="topics")
        public_url = fields.Field(column_name="public_url")

        class Meta:
            model = Meeting
            fields = (
                "meeting_id", "bulletin_date", "bulletin_title", "kind", "kz_official", "kz_official_latin",
                "role", "posting", "counterpart", "counterpart_latin", "counterpart_position",
                "counterpart_organization", "counterpart_country", "location", "topics", "public_url",
            )  # fmt: skip

        def dehydrate_kz_official_latin(self, meeting):
            return meeting.kz_latin or latin(meeting.kz_name or "")

        def dehydrate_counterpart_latin(self, meeting):
            return meeting.cp_latin or latin(meeting.cp_name or "")

        def dehydrate_topics(self, meeting):
            return "; ".join(meeting.topics or [])

        def dehydrate_public_url(self, meeting):
            return f"{settings.SITE_URL}/meetings/{meeting.id}/"

    started = time.perf_counter()
    queryset = (
        Meeting.objects.published()
        .filter(bulletin__date__lte=date_to)
        .annotate(
            kz=FilteredRelation("participants", condition=Q(participants__side="kz")),
            cp=FilteredRelation("participants", condition=Q(participants__side="counterpart")),
            bulletin_title=F("bulletin__title"),
            kz_name=F("kz__name"),
            kz_latin=F("kz__person__name_latin"),
            kz_role=F("kz__role"),
            kz_posting=F("kz__posting"),
            cp_name=F("cp__name"),
            cp_latin=F("cp__person__name_latin"),
            cp_position=F("cp__position"),
            cp_organization=F("cp__organization"),
            cp_country=F("cp__country"),
        )
        .order_by("bulletin__date", "id", "kz__order", "kz__id", "cp__order", "cp__id")
    )
    dataset = PairResource().export(queryset=queryset)
    data = dataset.csv.encode("utf-8")
    sink = Sink(started)
    sink.write(data)
    return {
        "rows": len(dataset),
        "seconds": time.perf_counter() - started,
        "first_byte": sink.first,
        "bytes": sink.size,
    }


COPY_SQL = """
COPY (
    SELECT m.id AS meeting_id, b.date AS bulletin_date, b.title AS bulletin_title, m.kind,
        k.name AS kz_official, kp.name_latin AS kz_official_latin, k.role, k.posting,
        c.name AS counterpart, cpp.name_latin AS counterpart_latin, c.position AS counterpart_position,
        c.organization AS counterpart_organization, c.country AS counterpart_country, m.location,
        (SELECT string_agg(t, '; ') FROM jsonb_array_elements_text(m.topics) t) AS topics,
        'http://127.0.0.1:8000/meetings/' || m.id || '/' AS public_url
    FROM meetings_meeting m
    JOIN newsdesk_bulletin b ON b.id = m.bulletin_id
    LEFT JOIN meetings_participant k ON k.meeting_id = m.id AND k.side = 'kz'
    LEFT JOIN meetings_person kp ON kp.id = k.person_id
    LEFT JOIN meetings_participant c ON c.meeting_id = m.id AND c.side = 'counterpart'
    LEFT JOIN meetings_person cpp ON cpp.id = c.person_id
    WHERE m.review_state = 'approved' AND b.date <= {date_to}
    ORDER BY b.date, m.id, k."order", k.id, c."order", c.id
) TO STDOUT WITH (FORMAT csv, HEADER true, FORCE_QUOTE *)
"""


def run_copy(db: str, date_to: datetime.date) -> dict:
    import psycopg
    from psycopg import sql

    started = time.perf_counter()
    sink = Sink(started)
    lines = 0
    with psycopg.connect(dsn(db)) as conn, conn.cursor() as cursor:
        statement = sql.SQL(COPY_SQL).format(date_to=sql.Literal(date_to))
        with cursor.copy(statement) as copy:
            for data in copy:
                if sink.size == 0:  # the header arrives with the first rows: time the first block
                    sink.skip = 0
                sink.write(bytes(data))
                lines += bytes(data).count(b"\n")
    return {
        "rows": lines - 1,
        "seconds": time.perf_counter() - started,
        "first_byte": sink.first,
        "bytes": sink.size,
    }


RUNNERS = {"ours": run_ours, "import-export": run_import_export, "copy": run_copy}


def child(name: str, db: str, rows: int) -> None:
    result = RUNNERS[name](db, date_to_for(rows))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(result), flush=True)


def measure(name: str, db: str, rows: int, timeout: float) -> dict:
    """Run one exporter in a fresh process; its result, or a note that it ran out of time."""
    command = [PYTHON, str(Path(__file__).resolve()), "--child", name, "--db", db, "--rows", str(rows)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"name": name, "target_rows": rows, "timeout": timeout}
    except subprocess.CalledProcessError as error:
        sys.stderr.write(error.stderr)
        raise
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result.update(name=name, target_rows=rows, wall=time.perf_counter() - started)
    print(report_line(result), flush=True)
    return result


def report_line(result: dict) -> str:
    if "timeout" in result:
        ran_out = f"did not finish in {result['timeout']:.0f} s"
        return f"| {result['name']} | {result['target_rows']:,} | {ran_out} | | | |"
    rate = result["rows"] / result["seconds"]
    return (
        f"| {result['name']} | {result['rows']:,} | {result['seconds']:.1f} s | {rate:,.0f} | "
        f"{result['first_byte']:.3f} s | {result['peak_rss_mb']:.0f} MB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="newsdesk_bench")
    parser.add_argument("--meetings", type=int, default=250_000, help="approved meetings (4 rows each)")
    parser.add_argument(
        "--ie-rows",
        default="",
        help="smaller row counts to also compare at (default: 100000,300000 if django-import-export "
        "does not finish every row within --ie-timeout)",
    )
    parser.add_argument("--ie-timeout", type=float, default=600, help="seconds django-import-export may take")
    parser.add_argument("--skip-build", action="store_true", help="reuse the database a previous run filled")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--child", choices=RUNNERS, help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.rows)
        return
    if not args.skip_build:
        build(args.db, args.meetings)
    total = args.meetings * ROWS_PER_MEETING
    print(
        "| exporter | rows | time | rows/s | first byte | peak RSS |\n|---|---:|---:|---:|---:|---:|",
        flush=True,
    )
    results = [measure("ours", args.db, total, 900), measure("copy", args.db, total, 900)]
    full = measure("import-export", args.db, total, args.ie_timeout)
    results.append(full)
    if "timeout" in full:  # too slow at full size: measure it (and us) where it does finish
        print(report_line(full), flush=True)
        sizes = args.ie_rows or "100000,300000"
    else:
        sizes = args.ie_rows
    for rows in [int(n) for n in sizes.split(",") if n]:
        results.append(measure("ours", args.db, rows, 900))
        results.append(measure("import-export", args.db, rows, args.ie_timeout))
    by = {(r["name"], r["target_rows"]): r for r in results if "timeout" not in r}
    for (name, rows), result in sorted(by.items()):
        if name == "import-export" and ("ours", rows) in by:
            ours = by[("ours", rows)]
            ratio = (ours["rows"] / ours["seconds"]) / (result["rows"] / result["seconds"])
            print(f"ours / import-export at {rows:,} rows: {ratio:.1f}×")
    if ("ours", total) in by and ("copy", total) in by:
        ours, copy = by[("ours", total)], by[("copy", total)]
        ratio = (ours["rows"] / ours["seconds"]) / (copy["rows"] / copy["seconds"])
        print(f"ours / COPY at {total:,} rows: {ratio:.2f}×")
    if not args.keep:
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", args.db], check=True)


if __name__ == "__main__":
    main()
