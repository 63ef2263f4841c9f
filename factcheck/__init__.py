"""factcheck: find contradictions and corroborations across news articles about one event."""

__version__ = "0.1.0"

#: Bumped whenever claim extraction, pairing or scoring changes in a way that alters results;
#: part of every cache key.
PIPELINE_VERSION = "1"
