"""`python -m malmiljo_cli` and the `malmiljo` console script."""

from __future__ import annotations


def main() -> None:
    try:
        from .cli import app

        app(prog_name="malmiljo")
    except KeyboardInterrupt:  # Ctrl-C before a command's own handler is in place
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
