"""A Griffe extension for psp's API reference; ``mkdocs.yml`` loads it.

psp's docstrings are written for readers of the source and of ``help()``: reST roles
(``:class:`Partner```), bare doctest blocks, and ``#:`` comments on enum members and
constants. mkdocstrings renders Markdown, so this extension, run on the loaded ``psp``
package and changing nothing in psp itself:

- turns each role into a cross-reference to the public name it means
  (``psp._aggregate.partnership.Partnership.join`` is documented as ``psp.Partnership.join``),
  or into plain code when that name is not in the reference;
- fences each bare doctest block as a ``pycon`` code block;
- makes a ``#:`` comment on or above an attribute that attribute's docstring;
- gives each attrs class the ``__init__`` attrs generates, so the reference shows how
  to make one, and hides the ``attrs.field(...)`` call that stands as a field's value.
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Any

import griffe

__all__ = ["PspDocs"]

_PACKAGE = "psp"
_ROLE = re.compile(r":(class|func|meth|attr|exc|data|obj|mod):`(~?)([^`]+)`")
_LEADING_COMMENT = re.compile(r"^\s*#:\s?(?P<text>.*)$")
_ATTRS_DECORATORS = ("attrs.frozen", "attrs.define", "attrs.mutable", "attr.s", "attr.attrs")
_LOOKUP_ERRORS = (KeyError, griffe.NameResolutionError, griffe.AliasResolutionError)


class PspDocs(griffe.Extension):
    """Make psp's reST-flavoured docstrings render as Markdown."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        if pkg.name != _PACKAGE:
            return
        public = _public_names(pkg)
        for obj in _objects(pkg):
            if isinstance(obj, griffe.Class):
                _add_attrs_init(obj)
        for obj in _objects(pkg):
            if isinstance(obj, griffe.Attribute):
                _tidy_attribute(obj, loader)
            if obj.docstring is not None:
                obj.docstring.value = _markdown(obj, obj.docstring.value, public)


def _markdown(obj: griffe.Object, text: str, public: dict[str, str]) -> str:
    return _ROLE.sub(lambda m: _crossref(obj, m, public), _fence_doctests(text))


def _objects(obj: griffe.Object) -> list[griffe.Object]:
    """``obj`` and everything defined under it (not what it imports)."""
    found = [obj]
    for member in obj.members.values():
        if isinstance(member, griffe.Object):
            found.extend(_objects(member))
    return found


def _public_names(pkg: griffe.Module) -> dict[str, str]:
    """The public path of each object exported by the package, or by a public submodule
    in its ``__all__`` (``psp.testing.partnerships``), by its canonical path."""
    names: dict[str, str] = {}
    for name, member in pkg.members.items():
        if name.startswith("_"):
            continue
        try:
            names[member.canonical_path] = f"{pkg.path}.{name}"
        except _LOOKUP_ERRORS:
            continue
        if isinstance(member, griffe.Module):
            names |= _public_names_of(member)
    return names


def _public_names_of(module: griffe.Module) -> dict[str, str]:
    names: dict[str, str] = {}
    for export in module.exports or ():
        try:
            names[module[str(export)].canonical_path] = f"{module.path}.{export}"
        except _LOOKUP_ERRORS:
            continue
    return names


def _public_path(canonical: str, public: dict[str, str]) -> str | None:
    """Where ``canonical`` is documented in the reference, if it is."""
    parts = canonical.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in public:
            path = ".".join([public[prefix], *parts[i:]])
            break
    else:
        path = canonical
    if path.split(".")[0] != _PACKAGE or any(p.startswith("_") for p in path.split(".")):
        return None
    return path


def _crossref(obj: griffe.Object, match: re.Match[str], public: dict[str, str]) -> str:
    kind, short, name = match.groups()
    shown = name.rsplit(".", 1)[-1] if short else name
    if kind in ("func", "meth"):
        shown += "()"
    path = _resolve(obj, name, public)
    return f"[`{shown}`][{path}]" if path else f"`{shown}`"


def _resolve(obj: griffe.Object, name: str, public: dict[str, str]) -> str | None:
    first, _, rest = name.partition(".")
    try:
        if first == _PACKAGE:
            target = obj.modules_collection[name]
        else:
            start = obj.resolve(first)
            target = obj.modules_collection[f"{start}.{rest}" if rest else start]
        return _public_path(target.canonical_path, public)
    except _LOOKUP_ERRORS:
        return None


def _fence_doctests(text: str) -> str:
    """Fence each bare ``>>>`` block (it runs to the next blank line) as ``pycon``."""
    out: list[str] = []
    in_fence = in_doctest = False
    for line in text.split("\n"):
        stripped = line.strip()
        if in_doctest and not stripped:
            out.append("```")
            in_doctest = False
        elif stripped.startswith("```") and not in_doctest:
            in_fence = not in_fence
        elif stripped.startswith(">>>") and not in_fence and not in_doctest:
            out.append("```pycon")
            in_doctest = True
        out.append(line)
    if in_doctest:
        out.append("```")
    return "\n".join(out)


def _attrs_options(cls: griffe.Class) -> dict[str, str] | None:
    """The arguments of the class's attrs decorator, or ``None`` if it is not an attrs class."""
    for decorator in cls.decorators:
        value = decorator.value
        call = value.function if isinstance(value, griffe.ExprCall) else value
        if str(call) in _ATTRS_DECORATORS:
            return _keywords(value) if isinstance(value, griffe.ExprCall) else {}
    return None


def _keywords(call: griffe.ExprCall) -> dict[str, str]:
    return {
        arg.name: str(arg.value) for arg in call.arguments if isinstance(arg, griffe.ExprKeyword)
    }


def _add_attrs_init(cls: griffe.Class) -> None:
    """Give an attrs class the ``__init__`` attrs makes from its fields."""
    options = _attrs_options(cls)
    if options is None or "__init__" in cls.members:
        return
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for member in cls.members.values():
        if not isinstance(member, griffe.Attribute) or member.annotation is None:
            continue
        if str(member.annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        default: str | griffe.Expr | None = member.value
        field = {}
        if isinstance(member.value, griffe.ExprCall) and str(member.value.function) in (
            "attrs.field",
            "attr.ib",
        ):
            field = _keywords(member.value)
            default = field.get("default")
            if "factory" in field:
                default = f"{field['factory']}()"
        if field.get("init") == "False":
            continue
        keyword_only = field.get("kw_only", options.get("kw_only")) == "True"
        parameters.append(
            griffe.Parameter(
                member.name.lstrip("_"),
                annotation=member.annotation,
                kind=griffe.ParameterKind.keyword_only
                if keyword_only
                else griffe.ParameterKind.positional_or_keyword,
                default=default,
            )
        )
    init = griffe.Function(
        "__init__",
        lineno=cls.lineno,
        endlineno=cls.lineno,
        parameters=griffe.Parameters(*parameters),
        returns="None",
    )
    cls.set_member("__init__", init)


def _trailing_comment(line: str) -> str | None:
    """The text of a ``#:`` comment that ends ``line``, if one does."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT and token.string.startswith("#:"):
                return token.string[2:].strip()
    except (tokenize.TokenError, SyntaxError):  # part of a statement spanning lines
        return None
    return None


def _tidy_attribute(attr: griffe.Attribute, loader: griffe.GriffeLoader) -> None:
    if attr.value is not None and str(attr.value).startswith("attrs.field("):
        attr.value = None
    if attr.docstring is not None or attr.lineno is None or attr.filepath is None:
        return
    if isinstance(attr.filepath, list):  # a namespace package: no one file to read
        return
    lines = attr.lines_collection[attr.filepath]
    index = attr.lineno - 1
    trailing = _trailing_comment(lines[index])
    if trailing is not None:
        text = trailing
    else:
        above: list[str] = []
        while index > 0 and (leading := _LEADING_COMMENT.match(lines[index - 1])):
            above.insert(0, leading["text"])
            index -= 1
        text = "\n".join(above)
    if text.strip():
        attr.docstring = griffe.Docstring(
            text,
            lineno=attr.lineno,
            parent=attr,
            parser=loader.docstring_parser,
            parser_options=loader.docstring_options,
        )
