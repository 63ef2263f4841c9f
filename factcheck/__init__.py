"""factcheck: find contradictions and corroborations across news articles about one event."""

__version__ = "0.1.0"

#: Bumped whenever claim extraction, pairing or scoring changes in a way that alters results;
#: part of every cache key. 2: probabilities and cosines rounded to 4 decimals, batch-invariant NLI,
#: fp32 by default, stable tie-breaks, pairing within events and across sources.
PIPELINE_VERSION = "2"
