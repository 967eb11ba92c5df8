"""malmiljo: the target-environment method (Målmiljömetoden) as a command-line toolkit."""

__version__ = "0.1.0"
