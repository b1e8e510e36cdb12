"""vn: a visual novel engine with safe YAML scene scripts, Tiled stages and timed lighting."""

__version__ = "0.1.0"
