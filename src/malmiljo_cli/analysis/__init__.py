"""Pure analysis functions: models in, plain results out. No files, no printing."""
