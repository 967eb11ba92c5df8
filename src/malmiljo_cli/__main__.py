"""`python -m malmiljo_cli` and the `malmiljo` console script."""

from __future__ import annotations


def main() -> None:
    from .cli import app

    app(prog_name="malmiljo")


if __name__ == "__main__":
    main()
