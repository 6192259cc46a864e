"""Schema extensions that bound what one operation may cost and what errors may reveal."""
import copy
from collections.abc import Callable

from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from gateway.errors import is_unexpected

MAX_DEPTH = 10
MAX_TOKENS = 2000
MAX_ALIASES = 15
CACHED_DOCUMENTS = 512


def _fresh_copies_of(prototype: SchemaExtension) -> Callable[[], SchemaExtension]:
    """Per-request copies keep one rule class, so ValidationCache (keyed by rules) hits and no state is shared."""
    return lambda: copy.copy(prototype)


def hardening_extensions() -> list[Callable[[], SchemaExtension]]:
    """Masking, limits, then caches, so cached validation already includes the limiter rules."""
    return [
        lambda: MaskErrors(should_mask_error=is_unexpected),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        _fresh_copies_of(QueryDepthLimiter(max_depth=MAX_DEPTH)),
        _fresh_copies_of(MaxAliasesLimiter(max_alias_count=MAX_ALIASES)),
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
    ]
