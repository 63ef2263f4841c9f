"""Execution engines for the audit pipeline.

``local`` is :func:`factcheck.pipeline.audit` in this process (with ``--workers N`` for claim
extraction). ``ray`` (:mod:`factcheck.engine.ray_engine`, ``pip install 'factcheck[ray]'``) runs the
same stage functions on Ray Data, on this machine or on a Ray cluster.
"""

from __future__ import annotations

ENGINES = ("local", "ray")
RAY_INSTALL_HINT = "pip install 'factcheck[ray]'"
