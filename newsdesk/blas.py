"""One BLAS / OpenMP thread per process, set before numpy loads: ``newsdesk/__init__.py`` imports this first.

natasha's models (slovnet, on numpy) multiply small matrices, and OpenBLAS would run each product on
a thread per core and keep those threads spinning between products. Two worker processes on two cores
then ran four spinning threads beside PostgreSQL, and a second worker added nothing (issue 13); with
one thread each, processes are what scale: one worker pool process per core. OpenBLAS, OpenMP and MKL
read these variables once, when they load, so they must be set before the process's first
``import numpy``: every entry point imports the ``newsdesk`` package before anything else of ours
(``celery -A newsdesk``; ``manage.py``, gunicorn and pytest through ``newsdesk.settings``). A value
already in the environment is kept (``OPENBLAS_NUM_THREADS=2 celery -A newsdesk worker -c 1`` gives a
lone worker two threads).
"""

from __future__ import annotations

import os

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_per_process() -> None:
    for variable in THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


one_thread_per_process()
