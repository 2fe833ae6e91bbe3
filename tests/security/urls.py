"""Every URL of the site, discovered from the resolver, made concrete with real objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from tests.security.url_access import DEFAULT_KWARGS, Access


@dataclass(frozen=True)
class SiteURL:
    name: str  # "namespace:name", or "namespace:<route>" for an unnamed pattern
    route: str  # the whole pattern, prefixes included, for messages
    parts: tuple[Any, ...]  # the pattern of each level (resolvers, then the URL pattern)
    callback: Any

    @property
    def parameters(self) -> list[str]:
        names: list[str] = []
        for part in self.parts:
            if isinstance(part, RoutePattern):
                names.extend(part.converters)
            elif isinstance(part, RegexPattern):
                names.extend(part.regex.groupindex)
        return names


def _route(pattern: Any) -> str:
    return str(pattern)


def site_urls() -> list[SiteURL]:
    found: list[SiteURL] = []

    def walk(entries: list[Any], namespaces: tuple[str, ...], parts: tuple[Any, ...]) -> None:
        for entry in entries:
            if isinstance(entry, URLResolver):
                ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
                walk(entry.url_patterns, ns, (*parts, entry.pattern))
            elif isinstance(entry, URLPattern):
                chain = (*parts, entry.pattern)
                route = "".join(_route(p) for p in chain)
                prefix = ":".join(namespaces)
                local = entry.name or f"<{route}>"
                name = f"{prefix}:{local}" if prefix else local
                found.append(SiteURL(name, route, chain, entry.callback))

    walk(get_resolver().url_patterns, (), ())
    # Several patterns may share a name (e.g. i18n variants): keep the first, as reverse().
    unique: dict[str, SiteURL] = {}
    for url in found:
        unique.setdefault(url.name, url)
    return list(unique.values())


def _value(source: str, site: Any) -> str:
    if source.startswith("="):
        return source[1:]
    value: Any = site
    for attribute in source.split("."):
        value = getattr(value, attribute)
    return str(value)


_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def concrete_path(url: SiteURL, access: Access, site: Any) -> str:
    sources = {**DEFAULT_KWARGS, **access.kwargs}
    missing = [p for p in url.parameters if p not in sources]
    assert not missing, (
        f"{url.name} ({url.route}) : dites d'où viennent les paramètres {missing} avec "
        f".using({', '.join(f'{m}=...' for m in missing)}) dans tests/security/url_access.py"
    )
    kwargs = {p: _value(sources[p], site) for p in url.parameters}
    if not url.name.endswith(">"):
        return reverse(url.name, kwargs=kwargs)
    # An unnamed pattern: fill the route by hand.
    path = ""
    for part in url.parts:
        text = str(part)
        if isinstance(part, RegexPattern):
            text = _GROUP.sub(lambda m: kwargs[m.group(1)], text).lstrip("^").rstrip("$")
        else:
            text = _CONVERTER.sub(lambda m: kwargs[m.group(1)], text)
        path += text
    return "/" + path
