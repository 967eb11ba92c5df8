"""How the command line reads: one placeholder convention, readable errors, -q after the command.

Typer's defaults show `<bool>` after flags, `<list[str]>` after repeatable options, wrap choices
mid-word and mix `{initiative} {STATUS}` in usage lines. The classes here give every command one
convention instead: UPPERCASE placeholders (`PATH`, `TEXT`, `ID...`, `FORMAT`), nothing after a
flag, choices listed in the help text (wrapped between words), plain `INITIATIVE STATUS` in usage.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

QUIET_HELP = "Print only data and problems: no progress, no summary lines."
VERBOSE_HELP = "Say more: the engagement used, what was read, how long it took."


def _set_quiet(value: bool) -> None:
    if value:
        from . import console

        console.quiet = True


def _set_verbose(value: bool) -> None:
    if value:
        from . import console

        console.verbose = True


QuietOpt = Annotated[
    bool,
    typer.Option("--quiet", "-q", help=QUIET_HELP, callback=_set_quiet, expose_value=False),
]
VerboseOpt = Annotated[
    bool,
    typer.Option("--verbose", "-v", help=VERBOSE_HELP, callback=_set_verbose, expose_value=False),
]


@cache
def _shared_options() -> tuple[TyperOption, ...]:
    """`-q/--quiet` and `-v/--verbose` for every command, built by Typer from the same
    declarations as the group's."""
    probe = typer.Typer(add_completion=False)

    @probe.command()
    def _probe(quiet: QuietOpt = False, verbose: VerboseOpt = False) -> None:
        """Only here so Typer builds the options."""

    command = typer.main.get_command(probe)
    options = tuple(p for p in command.params if isinstance(p, TyperOption))
    for option in options:
        option.metavar = ""
    return options


def placeholder(param: TyperOption | TyperArgument) -> str:
    """The word shown for a parameter's value: FORMAT, PATH, TEXT, N, DAYS; nothing for a flag."""
    if isinstance(param, TyperOption) and param.is_flag:
        return ""
    desc = param.type_descriptor
    if desc is not None and desc.is_choice:
        word = _name(param)
    elif isinstance(param, TyperArgument):
        word = (param.name or "value").upper()
    elif desc is not None and desc.is_path:
        word = "PATH"
    else:
        bare = param.bare_type() if desc is not None else "str"
        word = {"int": "N", "float": "NUMBER"}.get(bare.removeprefix("list[").rstrip("]"), "TEXT")
    many = desc is not None and desc.is_list
    return f"{word}..." if many else word


def _name(param: TyperOption | TyperArgument) -> str:
    longs = [o for o in param.opts if o.startswith("--")]
    return (longs[0].removeprefix("--") if longs else param.name or "value").upper()


def choices_sentence(param: TyperOption | TyperArgument) -> str:
    """`One of: a, b or c.` for a parameter with fixed choices; empty otherwise."""
    desc = param.type_descriptor
    if desc is None or not desc.is_choice:
        return ""
    names = [str(getattr(c, "value", c)) for c in desc.choices or ()]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"One of: {listed}."


def tidy(params: list[Any]) -> list[Any]:
    """Give each parameter its placeholder and list its choices in its help (once)."""
    for param in params:
        if not isinstance(param, TyperOption | TyperArgument):
            continue
        if param.metavar is None:
            param.metavar = placeholder(param)
        if isinstance(param, TyperArgument):
            # The placeholder already names the argument; Typer would add `<str>` beside it.
            param.display_type_rich = _no_type  # type: ignore[method-assign]
        sentence = choices_sentence(param)
        help_text = param.help or ""
        if sentence and "One of:" not in help_text and not _lists_choices(param, help_text):
            param.help = f"{help_text} {sentence}".strip()
        if "(default" in help_text:
            param.show_default = False  # the help says it in words; say it once
        # Errors say "must be at least 1"; the help shows no machine range like `N [x>=1]`.
        param._get_number_range_help_str = _no_range  # type: ignore[method-assign]
    return params


def _no_range() -> str:
    return ""


def _longs(param: Any) -> list[str]:
    return [o for o in getattr(param, "opts", ()) if o.startswith("--")]


class _AliasesHidden:
    """While help is drawn, an option shows its first long name only: `-o/--out/--to` reads
    `-o --out`, and `--to` still works (a hidden alias)."""

    def __init__(self, params: list[Any]) -> None:
        self.saved = [(p, list(p.opts)) for p in params if len(_longs(p)) > 1]

    def __enter__(self) -> None:
        for param, opts in self.saved:
            first = _longs(param)[0]
            param.opts = [o for o in opts if not o.startswith("--") or o == first]

    def __exit__(self, *exc: object) -> None:
        for param, opts in self.saved:
            param.opts = opts


def _no_type(ctx: Any) -> None:
    return None


def _lists_choices(param: TyperOption | TyperArgument, text: str) -> bool:
    desc = param.type_descriptor
    names = [str(getattr(c, "value", c)) for c in (desc.choices or ())] if desc else []
    return bool(names) and all(n in text for n in names)


class Command(TyperCommand):
    """A command with the shared conventions and its own `-q/--quiet` and `-v/--verbose`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_shared_options())

    def get_params(self, ctx: Any) -> list[Any]:
        return tidy(super().get_params(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _AliasesHidden(self.params):
            super().format_help(ctx, formatter)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                word = param.metavar or (param.name or "").upper()
                pieces.append(word if param.required else f"[{word}]")
        return pieces

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as exc:
            if exc.param is not None:
                exc.message = readable_error(exc.param, exc)
            raise


class Group(TyperGroup):
    """The top-level group (and `lap`): the same placeholders, flags without one."""

    def get_params(self, ctx: Any) -> list[Any]:
        return tidy(super().get_params(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:  # a new run (tests run many in one process): nothing carried over
            from . import console, options

            console.quiet = console.verbose = False
            options.forget()
        return super().parse_args(ctx, args)


def readable_error(param: Any, exc: typer.BadParameter) -> str:
    """The tool's own sentence for a value Typer refused (no pydantic wording)."""
    errors = _errors(exc.__cause__)
    given = str(errors[0].get("input")) if errors else None
    desc = param.type_descriptor
    if desc is not None and desc.is_choice and given is not None:
        from .messages import did_you_mean

        names = [str(getattr(c, "value", c)) for c in desc.choices or ()]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}"
        return f"{given!r}; choose {listed}{did_you_mean(given, names)}"
    if errors:
        from .messages import code_and_message

        name = _name(param).lower()
        text = code_and_message({**errors[0], "loc": (name,)}, allowed_fields=[])[1]
        return text.removeprefix(f"'{name}' ").removeprefix(f"'{name}': ")
    return exc.message


def _errors(cause: Any) -> list[dict[str, Any]]:
    errors = getattr(cause, "errors", None)
    return [dict(e) for e in errors()] if callable(errors) else []
