"""The one Jinja environment: user templates first, built-in ones after, strict undefined.

A template folder given with --templates may replace any built-in template, or extend it
and replace one block: `{% extends "!builtin/summary.html.j2" %}`.

Templates run in Jinja's immutable sandbox: a template is text a protocol repository may
take from anyone, so it can lay out what the context holds and nothing more. Python
internals (`__class__`, `__globals__`, ...), and with them the modules, files, network and
commands they lead to, are refused with a template error; so is changing the context.
Templates load only from the template folders (no absolute paths, no `..`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

from toolkit.render import markdown
from toolkit.render.model import Fact, Text, joined
from toolkit.resources import data_dir


@functools.lru_cache(maxsize=8)
def environment(user_templates: str | Path | None = None) -> ImmutableSandboxedEnvironment:
    """One environment per template folder, so each template is compiled once per process."""
    builtin = FileSystemLoader(str(data_dir("templates")))
    loaders = [FileSystemLoader(str(user_templates))] if user_templates else []
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([*loaders, builtin, PrefixLoader({"!builtin": builtin})]),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markdown=markdown.to_html,
        inline=markdown.inline_html,
        plain=markdown.to_plain,
    )
    env.globals["fact"] = Fact  # fact(label, value): one line of a facts list
    env.globals["joined"] = joined  # joined(texts): one text, marked when any part is untranslated
    env.tests["authored"] = lambda value: isinstance(value, Text)  # author text, which may be untranslated
    return env
