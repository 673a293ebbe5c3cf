"""protocol: clinical-trial protocols as YAML, checked and rendered."""

__version__ = "0.1.0"
